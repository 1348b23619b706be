// The last word before "No changes": when no rule fired, the two documents must still be the same apart from
// prose (descriptions, summaries, examples) and schemas (judged on their values by json-schema.ts). Whatever
// else differs is something no rule judged (a security scope, a vendor extension), reported as a WARN at its
// pointer so that "No changes" stays true.
import { isRecord } from "@/lib/catalog/import/util";
import type { Finding } from "./finding";
import { child } from "./refs";

const PROSE = new Set(["description", "summary", "example", "examples", "externalDocs", "$comment"]);
const MAX_REPORTED = 5;

/**
 * Schemas are judged by the JSON Schema comparison, which reports any keyword it cannot judge itself; an
 * equivalent rewrite there (a one-branch oneOf, reordered alternatives) is no change. Callbacks are not compared.
 */
function judgedSchema(pointer: string): boolean {
  if (pointer.includes("/callbacks/")) return false;
  return /\/(schema|payload)$/.test(pointer) || /^\/(components\/schemas|definitions)\/[^/]+$/.test(pointer);
}

function differences(a: unknown, b: unknown, pointer: string, found: string[]): void {
  if (found.length >= MAX_REPORTED || a === b || judgedSchema(pointer)) return;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => differences(x, b[i], child(pointer, i), found));
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!PROSE.has(key)) differences(a[key], b[key], child(pointer, key), found);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) found.push(pointer || "/");
}

/** OpenAPI path parameters are positional: `/pets/{id}` and `/pets/{petId}` are the same operation. */
function withPositionalPathParameters(root: unknown): unknown {
  if (!isRecord(root) || !isRecord(root.paths) || (root.openapi === undefined && root.swagger === undefined)) return root;
  const paths: Record<string, unknown> = {};
  for (const [text, item] of Object.entries(root.paths)) {
    const names = [...text.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const position = (name: unknown) => `{${names.indexOf(String(name))}}`;
    const rename = (list: unknown) => (Array.isArray(list) ? list.map((p) => (isRecord(p) && p.in === "path" ? { ...p, name: position(p.name) } : p)) : list);
    let renamed = item;
    if (isRecord(item)) {
      renamed = { ...item, parameters: rename(item.parameters) };
      for (const [key, op] of Object.entries(item)) if (isRecord(op) && Array.isArray(op.parameters)) (renamed as Record<string, unknown>)[key] = { ...op, parameters: rename(op.parameters) };
    }
    paths[text.replace(/\{[^}]*\}/g, (m) => position(m.slice(1, -1)))] = renamed;
  }
  return { ...root, paths };
}

export function unjudgedDifferences(oldRoot: unknown, newRoot: unknown): Finding[] {
  const found: string[] = [];
  differences(withPositionalPathParameters(oldRoot), withPositionalPathParameters(newRoot), "", found);
  return found.map((pointer) => ({
    rule: "document.changed.not-judged",
    at: pointer,
    path: pointer,
    message: "changed here, and no rule judges whether this changes what either side accepts: check by hand",
    backward: "maybe",
    forward: "maybe",
  }));
}
