// Array keywords judged position by position: the schema that applies at index i is prefixItems[i]
// (2020-12) or items[i] (draft-07 tuple) inside the tuple and items / additionalItems after it, so
// `items: [A], additionalItems: B` and `items: [A, B], additionalItems: B` accept the same arrays.
// contains/minContains/maxContains and unevaluatedItems compare as subschemas and bounds.
import type { Json } from "@/lib/catalog/import/util";
import type { Flag } from "./finding";
import type { SchemaWalker } from "./json-schema-walker";
import { child } from "./refs";

type Position = { schema: unknown; pointer: string };

function tupleOf(s: Json): { list: unknown[]; key: "prefixItems" | "items" } | undefined {
  if (Array.isArray(s.prefixItems)) return { list: s.prefixItems, key: "prefixItems" };
  if (Array.isArray(s.items)) return { list: s.items, key: "items" };
  return undefined;
}

function positionOf(s: Json, pointer: string, i: number): Position {
  const tuple = tupleOf(s);
  if (!tuple) return { schema: s.items ?? true, pointer: child(pointer, "items") };
  if (i < tuple.list.length) return { schema: tuple.list[i], pointer: child(pointer, tuple.key, i) };
  const restKey = tuple.key === "prefixItems" ? "items" : "additionalItems";
  return { schema: s[restKey] ?? true, pointer: child(pointer, restKey) };
}

export function arrays(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string): void {
  if (o.uniqueItems !== true && n.uniqueItems === true) w.emit("jsonschema.uniqueItems.added", at, "items must now be unique", true, false);
  if (o.uniqueItems === true && n.uniqueItems !== true) w.emit("jsonschema.uniqueItems.removed", at, "items no longer need to be unique", false, true);
  const positional = ["items", "prefixItems", "additionalItems"].some((k) => o[k] !== undefined || n[k] !== undefined);
  if (positional) {
    // Index max(lengths) stands for every index past both tuples.
    const length = Math.max(tupleOf(o)?.list.length ?? 0, tupleOf(n)?.list.length ?? 0);
    for (let i = 0; i <= length; i++) {
      const x = positionOf(o, oldPointer, i);
      const y = positionOf(n, at, i);
      w.node(x.schema, x.pointer, y.schema, y.pointer);
    }
  }
  contains(w, o, oldPointer, n, at);
  if (o.unevaluatedItems !== undefined || n.unevaluatedItems !== undefined) {
    w.node(o.unevaluatedItems ?? true, child(oldPointer, "unevaluatedItems"), n.unevaluatedItems ?? true, child(at, "unevaluatedItems"));
  }
}

/** contains = at least minContains (default 1) and at most maxContains items match the subschema. */
function contains(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string): void {
  if (o.contains === undefined && n.contains === undefined) return;
  const pointer = child(at, "contains");
  if (o.contains === undefined || n.contains === undefined) {
    const added = n.contains !== undefined;
    w.emit(`jsonschema.contains.${added ? "added" : "removed"}`, pointer, `'contains' ${added ? "added: arrays must now hold a matching item" : "removed"}`, added, !added);
    return;
  }
  w.node(o.contains, child(oldPointer, "contains"), n.contains, pointer);
  const count = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);
  const [minA, minB] = [count(o.minContains, 1), count(n.minContains, 1)];
  const [maxA, maxB] = [count(o.maxContains, Infinity), count(n.maxContains, Infinity)];
  if (minA !== minB) bound(w, "minContains", minB > minA, `${at}/minContains`, minA, minB);
  if (maxA !== maxB) bound(w, "maxContains", maxB < maxA, `${at}/maxContains`, maxA, maxB);
}

function bound(w: SchemaWalker, keyword: string, tighter: boolean, pointer: string, a: number, b: number): void {
  const narrows: Flag = tighter;
  w.emit(`jsonschema.${keyword}.${tighter ? "tightened" : "relaxed"}`, pointer, `${keyword} ${tighter ? "tightened" : "relaxed"} from ${a} to ${b}`, narrows, !tighter);
}
