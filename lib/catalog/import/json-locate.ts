// Finds where a JSON pointer lies in JSON text without building a position-annotated tree: big JSON
// documents are parsed with JSON.parse (yaml's parser is ~50x slower on them), and only the few
// pointers named in problems need a line.

function skipWs(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === " " || text[pos] === "\n" || text[pos] === "\r" || text[pos] === "\t")) pos++;
  return pos;
}

function skipString(text: string, pos: number): number {
  // pos is at the opening quote
  pos++;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === "\\") pos += 2;
    else if (ch === '"') return pos + 1;
    else pos++;
  }
  return pos;
}

function skipValue(text: string, pos: number): number {
  const ch = text[pos];
  if (ch === '"') return skipString(text, pos);
  if (ch === "{" || ch === "[") {
    let depth = 0;
    while (pos < text.length) {
      const c = text[pos];
      if (c === '"') {
        pos = skipString(text, pos);
        continue;
      }
      if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) return pos + 1;
      }
      pos++;
    }
    return pos;
  }
  while (pos < text.length && !/[,}\]\s]/.test(text[pos])) pos++;
  return pos;
}

/** Offset of the deepest part of `segments` found in `text` (the key for an object member). */
export function locateJsonPointer(text: string, segments: readonly string[]): number {
  let pos = skipWs(text, 0);
  let at = pos;
  for (const seg of segments) {
    const open = text[pos];
    if (open === "{") {
      pos = skipWs(text, pos + 1);
      let found = false;
      while (pos < text.length && text[pos] === '"') {
        const keyStart = pos;
        const keyEnd = skipString(text, pos);
        let key: unknown;
        try {
          key = JSON.parse(text.slice(keyStart, keyEnd));
        } catch {
          return at;
        }
        pos = skipWs(text, keyEnd);
        if (text[pos] !== ":") return at;
        pos = skipWs(text, pos + 1);
        if (key === seg) {
          found = true;
          at = keyStart;
          break;
        }
        pos = skipWs(text, skipValue(text, pos));
        if (text[pos] === ",") pos = skipWs(text, pos + 1);
      }
      if (!found) return at;
    } else if (open === "[") {
      const index = /^\d+$/.test(seg) ? Number(seg) : -1;
      if (index < 0) return at;
      pos = skipWs(text, pos + 1);
      for (let i = 0; i < index; i++) {
        if (text[pos] === "]") return at;
        pos = skipWs(text, skipValue(text, pos));
        if (text[pos] !== ",") return at;
        pos = skipWs(text, pos + 1);
      }
      if (text[pos] === "]") return at;
      at = pos;
    } else {
      return at;
    }
  }
  return at;
}

/** 1-based line and column of an offset; line starts are computed once per text. */
export function lineColumnFinder(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}
