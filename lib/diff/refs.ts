// Internal $ref resolution for the diff: follows a ref chain to its target and reports the target's
// pointer, so that a change inside a shared component is reported once, where it lives, rather than at
// every place that uses it. Never expands a tree: callers walk pairs of nodes and memoise them.
import { internalRefSegments } from "@/lib/catalog/import/refs";
import { getAtPointer, isRecord, pointerOf } from "@/lib/catalog/import/util";

export type Resolved = { value: unknown; pointer: string; ref?: string; unresolved?: string };

export const MAX_REF_HOPS = 64;

const targets = new WeakMap<object, Map<string, { found: boolean; value: unknown; pointer: string }>>();

/** A ref's target, looked up once per document (big specs use the same few hundred refs thousands of times). */
function target(root: unknown, ref: string): { found: boolean; value: unknown; pointer: string } | undefined {
  const cache = typeof root === "object" && root !== null ? (targets.get(root) ?? targets.set(root, new Map()).get(root)!) : undefined;
  const hit = cache?.get(ref);
  if (hit) return hit;
  const anchor = /^#([A-Za-z_][\w.-]*)$/.exec(ref)?.[1];
  const segments = anchor ? undefined : internalRefSegments(ref);
  if (!segments && !anchor) return undefined;
  const found = anchor ? anchorTarget(root, anchor) : { ...getAtPointer(root, segments!), pointer: pointerOf(segments!) };
  cache?.set(ref, found);
  return found;
}

/** A plain-name fragment ("#Address") names the subschema whose $anchor is "Address" or whose $id is "#Address". */
function anchorTarget(root: unknown, name: string): { found: boolean; value: unknown; pointer: string } {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (!isRecord(value) && !Array.isArray(value)) continue;
    if (isRecord(value) && (value.$anchor === name || value.$id === `#${name}` || (typeof value.$id === "string" && value.$id.endsWith(`#${name}`)))) {
      return { found: true, value, pointer: pointerOf(path) };
    }
    for (const [key, v] of Object.entries(value)) if (typeof v === "object" && v !== null) stack.push({ value: v, path: [...path, key] });
  }
  return { found: false, value: undefined, pointer: "" };
}

export function resolve(root: unknown, value: unknown, pointer: string): Resolved {
  let current = value;
  let at = pointer;
  let ref: string | undefined;
  const seen = new Set<string>();
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string"; hops++) {
    const next = current.$ref;
    const found = target(root, next);
    if (!found || !found.found || hops >= MAX_REF_HOPS || seen.has(next)) return { value: current, pointer: at, ref: next, unresolved: next };
    seen.add(next);
    ref = next;
    at = found.pointer;
    current = found.value;
  }
  return { value: current, pointer: at, ref };
}

/** Last segment of a ref ("#/components/schemas/Pet" -> "Pet"). */
export function refName(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const segments = internalRefSegments(ref);
  return segments ? segments[segments.length - 1] : ref;
}

export function child(pointer: string, ...segments: (string | number)[]): string {
  return pointer + pointerOf(segments);
}
