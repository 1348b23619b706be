// Side-by-side line diff for the Compare page, and where each finding of lib/diff sits in the text. Pure.
import { diffArrays } from "diff";

export type DiffRow = { left: number | null; right: number | null; kind: "same" | "removed" | "added" | "changed" };

/** Rows pairing the lines of two texts (0-based line numbers): jsdiff's Myers diff, changed runs side by side. */
export function alignLines(left: readonly string[], right: readonly string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  // A huge rewrite gives up after 2 s and shows the two versions as replaced rather than hold the page.
  const parts = diffArrays([...left], [...right], { timeout: 2_000 }) ?? [
    { value: [...left], removed: true, added: false, count: left.length },
    { value: [...right], removed: false, added: true, count: right.length },
  ];
  for (const part of parts) {
    for (let k = 0; k < part.value.length; k++) {
      if (part.added) rows.push({ left: null, right: j++, kind: "added" });
      else if (part.removed) rows.push({ left: i++, right: null, kind: "removed" });
      else rows.push({ left: i++, right: j++, kind: "same" });
    }
  }
  return pairChanges(rows);
}

/** A run of removed lines followed by added ones reads better as changed lines side by side. */
function pairChanges(rows: DiffRow[]): DiffRow[] {
  const out: DiffRow[] = [];
  for (let k = 0; k < rows.length; ) {
    if (rows[k].kind !== "removed") {
      out.push(rows[k++]);
      continue;
    }
    const removed: DiffRow[] = [];
    while (k < rows.length && rows[k].kind === "removed") removed.push(rows[k++]);
    const added: DiffRow[] = [];
    while (k < rows.length && rows[k].kind === "added") added.push(rows[k++]);
    const pairs = Math.max(removed.length, added.length);
    for (let p = 0; p < pairs; p++) {
      const l = removed[p]?.left ?? null;
      const r = added[p]?.right ?? null;
      out.push({ left: l, right: r, kind: l !== null && r !== null ? "changed" : l !== null ? "removed" : "added" });
    }
  }
  return out;
}

const unescape = (segment: string) => segment.replaceAll("~1", "/").replaceAll("~0", "~");

/**
 * The line (0-based) a finding points at: a JSON pointer is followed key by key through the indented text, so
 * "/paths/~1pets/get" lands on the `"get":` line under `"/pets":`; dotted names (Avro, Protobuf) match the last
 * name. Null when the text does not show it (a removed element is looked up in the other version).
 */
export function lineOf(lines: readonly string[], path: string): number | null {
  const segments = path.startsWith("/") ? path.slice(1).split("/").map(unescape) : path.split(".");
  let from = 0;
  let found: number | null = null;
  for (const segment of segments) {
    if (segment === "" || /^\d+$/.test(segment)) continue;
    const keyed = new RegExp(`^\\s*"?${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?\\s*:`);
    const plain = new RegExp(`\\b${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`);
    let hit = -1;
    for (let k = from; k < lines.length; k++) if (keyed.test(lines[k])) {
      hit = k;
      break;
    }
    if (hit < 0 && !path.startsWith("/")) for (let k = from; k < lines.length; k++) if (plain.test(lines[k])) {
      hit = k;
      break;
    }
    if (hit < 0) return found;
    found = hit;
    from = hit + 1;
  }
  return found;
}
