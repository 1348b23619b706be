// Side-by-side line diff for the Compare page, and where each finding of lib/diff sits in the text. Pure.

export type DiffRow = { left: number | null; right: number | null; kind: "same" | "removed" | "added" | "changed" };

/** Beyond this many line pairs the alignment is skipped: lines are only marked as present in the other side or not. */
const MAX_CELLS = 4_000_000;

/** Rows pairing the lines of two texts (0-based line numbers), by longest common subsequence. */
export function alignLines(left: readonly string[], right: readonly string[]): DiffRow[] {
  const n = left.length;
  const m = right.length;
  if (n * m > MAX_CELLS) {
    const inRight = new Set(right);
    const inLeft = new Set(left);
    const rows: DiffRow[] = [];
    for (let i = 0; i < Math.max(n, m); i++) {
      const l = i < n ? i : null;
      const r = i < m ? i : null;
      const same = l !== null && r !== null && left[l] === right[r];
      rows.push({ left: l, right: r, kind: same ? "same" : l !== null && r !== null ? (inRight.has(left[l]) && inLeft.has(right[r]) ? "same" : "changed") : l !== null ? "removed" : "added" });
    }
    return rows;
  }
  // lcs[i][j]: length of the LCS of left[i..] and right[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = left[i] === right[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && left[i] === right[j]) {
      rows.push({ left: i++, right: j++, kind: "same" });
    } else if (j < m && (i === n || lcs[i * (m + 1) + j + 1] > lcs[(i + 1) * (m + 1) + j])) {
      rows.push({ left: null, right: j++, kind: "added" });
    } else {
      rows.push({ left: i++, right: null, kind: "removed" });
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
