// allOf/anyOf/oneOf, not and if/then/else, judged on the values each side accepts. Alternatives are matched
// by meaning (equal branches first, then $ref target or title, the rest by position), so reordering is no
// change; a switch between combinators (allOf -> anyOf) is judged by proving which side contains the other.
import { isRecord, type Json } from "@/lib/catalog/import/util";
import { canonical, covered, enumOf, matchBranches, typesOf } from "./json-schema-keywords";
import type { Side, SchemaWalker } from "./json-schema-walker";
import { child, refName } from "./refs";

const KINDS = ["allOf", "anyOf", "oneOf"] as const;
type Kind = (typeof KINDS)[number];
type Combination = { kind: Kind; branches: unknown[]; side: Side };

function branchesOf(s: Json, kind: Kind): unknown[] {
  return Array.isArray(s[kind]) ? (s[kind] as unknown[]) : [];
}

/** The schema without its combinators: what the other keywords of the same object require. */
function rest(s: Json): Json {
  const { allOf: _a, anyOf: _b, oneOf: _c, ...others } = s;
  return others;
}

function label(branch: unknown, i: number): string {
  return refName(isRecord(branch) ? (branch.$ref as string | undefined) : undefined) ?? (isRecord(branch) && typeof branch.title === "string" ? branch.title : `#${i}`);
}

/** Every value of x is in y (x a combination, y one schema), when the walker can prove it. */
function combinationWithin(w: SchemaWalker, x: Combination, y: unknown, ySide: Side): boolean {
  if (x.kind === "allOf") return x.branches.some((b) => w.subset(b, x.side, y, ySide));
  return x.branches.every((b) => w.subset(b, x.side, y, ySide));
}

/** Every value of combination x is accepted by combination y, when the walker can prove it. */
function combinationSubset(w: SchemaWalker, x: Combination, y: Combination): boolean {
  if (y.kind === "allOf") return y.branches.every((b) => combinationWithin(w, x, b, y.side));
  if (y.kind === "anyOf") {
    if (x.kind === "allOf") return x.branches.some((a) => y.branches.some((b) => w.subset(a, x.side, b, y.side)));
    return x.branches.every((a) => y.branches.some((b) => w.subset(a, x.side, b, y.side)));
  }
  // oneOf: a value must match exactly one branch; only the same alternatives (or one alternative) are proven.
  if (y.branches.length === 1) return combinationWithin(w, x, y.branches[0], y.side);
  const same = x.kind === "oneOf" && x.branches.length === y.branches.length && x.branches.every((a) => y.branches.some((b) => canonical(a) === canonical(b)));
  return same;
}

export function composition(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string): void {
  const removed = KINDS.filter((k) => branchesOf(o, k).length && !branchesOf(n, k).length);
  const added = KINDS.filter((k) => !branchesOf(o, k).length && branchesOf(n, k).length);
  for (const kind of KINDS) {
    const a = branchesOf(o, kind);
    const b = branchesOf(n, kind);
    if (a.length && b.length) sameKind(w, kind, o, oldPointer, n, at);
  }
  if (removed.length === 1 && added.length === 1) {
    const x: Combination = { kind: removed[0], branches: branchesOf(o, removed[0]), side: "old" };
    const y: Combination = { kind: added[0], branches: branchesOf(n, added[0]), side: "new" };
    const narrows = !combinationSubset(w, x, y);
    const widens = !combinationSubset(w, y, x);
    w.emit("jsonschema.composition.changed", at, `${x.kind} replaced by ${y.kind}${narrows || widens ? "" : " (accepts the same values)"}`, narrows, widens, `${at}/${y.kind}`);
    return;
  }
  for (const kind of added) {
    // The new schema accepts old ∩ combination: it narrows unless the old schema already lies inside it.
    const narrows = !combinationSubset(w, { kind: "allOf", branches: [rest(o)], side: "old" }, { kind, branches: branchesOf(n, kind), side: "new" });
    w.emit(`jsonschema.${kind}.added`, child(at, kind), `${kind} added${narrows ? "" : " (already implied)"}`, narrows, false);
  }
  for (const kind of removed) {
    const widens = !combinationSubset(w, { kind: "allOf", branches: [rest(n)], side: "new" }, { kind, branches: branchesOf(o, kind), side: "old" });
    w.emit(`jsonschema.${kind}.removed`, child(at, kind), `${kind} removed${widens ? "" : " (it was implied)"}`, false, widens);
  }
}

function sameKind(w: SchemaWalker, kind: Kind, o: Json, oldPointer: string, n: Json, at: string): void {
  const a = branchesOf(o, kind);
  const b = branchesOf(n, kind);
  const pairs = matchBranches(a, b);
  for (const [i, j] of pairs.matched) w.node(a[i], child(oldPointer, kind, i), b[j], child(at, kind, j));
  // allOf constraints are proven strictly (an undeclared property is a value the constraint may now reject).
  const within = (branch: unknown, side: Side, others: unknown[], otherSide: Side) => others.some((x) => w.subset(x, otherSide, branch, side, true));
  for (const i of pairs.oldOnly) {
    if (kind === "allOf") {
      // Dropping a constraint widens unless what remains already implies it.
      const widens = !within(a[i], "old", [...b, rest(n)], "new");
      w.emit("jsonschema.allOf.branch-removed", child(at, kind, i), `allOf constraint ${label(a[i], i)} removed${widens ? "" : " (still implied by the others)"}`, false, widens);
    } else w.emit(`jsonschema.${kind}.branch-removed`, child(at, kind, i), `${kind} alternative ${label(a[i], i)} removed`, true, false);
  }
  for (const j of pairs.newOnly) {
    if (kind === "allOf") {
      const narrows = !within(b[j], "new", [...a, rest(o)], "old");
      w.emit("jsonschema.allOf.branch-added", child(at, kind, j), `allOf constraint ${label(b[j], j)} added${narrows ? "" : " (already implied by the others)"}`, narrows, false);
    } else if (kind === "anyOf") {
      const widens = !a.some((x) => w.subset(b[j], "new", x, "old"));
      w.emit("jsonschema.anyOf.branch-added", child(at, kind, j), `anyOf alternative ${label(b[j], j)} added${widens ? "" : " (an existing alternative already accepts its values)"}`, false, widens);
    } else {
      // A new oneOf alternative is a new case for whoever switches on the value (widens); a value that now
      // matches it and an old alternative matches two, which oneOf rejects (narrows), unless they are disjoint.
      const overlaps = a.some((x) => !disjoint(w, x, "old", b[j], "new"));
      const why = overlaps ? ": values that also match an existing alternative are now rejected" : "";
      // OpenAPI readers usually tell oneOf alternatives apart by a discriminator, not by validation: a WARN there.
      w.emit("jsonschema.oneOf.branch-added", child(at, kind, j), `oneOf alternative ${label(b[j], j)} added${why}`, overlaps && (w.lenient ? "maybe" : true), true);
    }
  }
  if (kind === "oneOf") {
    for (const [i, j] of pairs.matched) {
      if (w.subset(b[j], "new", a[i], "old")) continue;
      const overlaps = b.some((other, k) => k !== j && !disjoint(w, other, "new", b[j], "new"));
      if (overlaps) w.emit("jsonschema.oneOf.overlap", child(at, kind, j), `oneOf alternative ${label(b[j], j)} now accepts more: values that also match another alternative are rejected`, w.lenient ? "maybe" : true, false);
    }
  }
}

/** Provably no value matches both: their types or their enumerated values do not meet. */
function disjoint(w: SchemaWalker, x: unknown, xSide: Side, y: unknown, ySide: Side): boolean {
  const p = w.resolved(xSide, x, "");
  const q = w.resolved(ySide, y, "");
  if (!isRecord(p) || !isRecord(q)) return p === false || q === false;
  const s = typesOf(p, false);
  const t = typesOf(q, false);
  if (s && t && ![...s].some((type) => covered(type, t) || covered(type === "number" ? "integer" : type, t) || (type === "number" && t.has("integer")))) return true;
  const e = enumOf(p);
  const f = enumOf(q);
  return !!e && !!f && ![...e.keys()].some((k) => f.has(k));
}

/** not: the outer schema accepts what the inner one rejects, so the inner comparison runs negated. */
export function negation(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string): void {
  if (o.not === undefined && n.not === undefined) return;
  w.negated(() => w.node(o.not ?? false, child(oldPointer, "not"), n.not ?? false, child(at, "not")));
}

/** if/then/else: with the same condition, then and else compare as plain subschemas; a changed condition is not judged. */
export function conditional(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string): void {
  if (o.if === undefined && n.if === undefined) return;
  const sameIf = o.if === undefined || n.if === undefined || canonical(o.if) === canonical(n.if);
  if (!sameIf) {
    w.emit("jsonschema.if.changed", child(at, "if"), "'if' condition changed: which values 'then' and 'else' apply to cannot be judged", "maybe", "maybe");
    return;
  }
  // An absent if/then/else accepts everything, as does an absent then or else.
  w.node(o.if === undefined ? true : (o.then ?? true), child(oldPointer, "then"), n.if === undefined ? true : (n.then ?? true), child(at, "then"));
  w.node(o.if === undefined ? true : (o.else ?? true), child(oldPointer, "else"), n.if === undefined ? true : (n.else ?? true), child(at, "else"));
}
