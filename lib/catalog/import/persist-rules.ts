// Pure decisions of the import persistence: hashes, version labels, slugs and the rows for elements and fields.
import { createHash, randomUUID } from "node:crypto";
import type { ImportedElement } from "./model";

export const specHashOf = (spec: string) => createHash("sha256").update(spec).digest("hex");

/** The document's own version label, or "<label>+2", "+3"... when the interface already has that label. */
export function nextVersionLabel(label: string, existing: Iterable<string>): string {
  const taken = new Set(existing);
  const base = label.trim() || "unversioned";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}+${n}`)) return `${base}+${n}`;
}

export function slugify(value: string): string {
  const slug = value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "interface";
}

/** The first of "<base>", "<base>-2", ... that is not taken. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Normalises a relative path for sync comparisons: forward slashes, no "./", no trailing slash. */
export function normalizeSourcePath(value: string): string {
  const path = value.replace(/\\/g, "/").replace(/\/{2,}/g, "/").replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  return path === "." ? "" : path;
}

/** Whether a stored sourcePath lies under the sync root ("" = everything that was synced). */
export function isUnderRoot(sourcePath: string, root: string): boolean {
  const normalizedRoot = normalizeSourcePath(root);
  return normalizedRoot === "" || sourcePath === normalizedRoot || sourcePath.startsWith(`${normalizedRoot}/`);
}

export const countElements = (elements: readonly ImportedElement[]) => ({
  operations: elements.filter((e) => e.kind === "OPERATION").length,
  channels: elements.filter((e) => e.kind === "CHANNEL").length,
});

const LEVELS = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"] as const;

/** A classification the document declares (ODCS `classification: restricted`) as the catalog's level, when it is one. */
export function classificationLevel(value: string | undefined): (typeof LEVELS)[number] | undefined {
  const upper = value?.trim().toUpperCase();
  return LEVELS.find((l) => l === upper);
}

/** JSON values only: drops undefined, functions and cycles the parser might leave in details. */
function toJsonObject(value: Record<string, unknown> | undefined): object {
  if (!value) return {};
  const seen = new WeakSet<object>();
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "bigint") return v.toString();
      if (v && typeof v === "object") {
        if (seen.has(v)) return "[circular]";
        seen.add(v);
      }
      return v;
    }),
  );
}

/**
 * Element and field rows with ids chosen here, so both tables are written with one statement each instead of
 * a round trip per element, and the classification suggestions work from these rows without reading them back. PostgreSQL text cannot hold NUL bytes, which do occur in scraped specs.
 * With `jsonDetails` the elements were parsed from JSON text, so their details need no conversion to JSON values.
 */
export function buildVersionRows(interfaceId: string, interfaceVersionId: string, elements: readonly ImportedElement[], options: { jsonDetails?: boolean } = {}) {
  const clean = (s: string | undefined) => (s === undefined ? undefined : s.replace(/\u0000/g, ""));
  const elementRows = [];
  const fieldRows = [];
  for (const element of elements) {
    const id = randomUUID();
    elementRows.push({
      id,
      interfaceVersionId,
      interfaceId,
      kind: element.kind,
      name: clean(element.name) ?? "",
      method: clean(element.method),
      path: clean(element.path),
      action: element.action,
      summary: clean(element.summary),
      description: clean(element.description),
      deprecated: element.deprecated ?? false,
      // Elements parsed from JSON text (prepare.ts) hold JSON values only already.
      details: options.jsonDetails ? (element.details ?? {}) : toJsonObject(element.details),
    });
    for (const field of element.fields) {
      fieldRows.push({
        id: randomUUID(),
        interfaceVersionId,
        interfaceId,
        elementId: id,
        path: clean(field.path) ?? "",
        name: clean(field.name) ?? "",
        type: clean(field.type),
        format: clean(field.format),
        required: field.required,
        description: clean(field.description),
        example: clean(field.example),
        classification: classificationLevel(field.classification),
      });
    }
  }
  return { elementRows, fieldRows };
}
