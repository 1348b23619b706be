// How deep a YAML (or JSON) text nests, found in one linear pass over its characters before any parser sees it.
// The yaml package composes nested nodes recursively, so 100,000 levels would cost seconds and a stack overflow
// before the depth check on the parsed value could refuse them.

export type NestingPosition = { line: number; column: number; depth: number };

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const isBreak = (c: number) => c === NL || c === CR || Number.isNaN(c);
const isBlank = (c: number) => c === SPACE || c === TAB || isBreak(c);
const isFlowIndicator = (c: number) => c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;

/**
 * Where the text first nests deeper than `maxDepth` collections, or undefined. Block nesting follows indentation
 * and "- " / "? " entries; flow nesting counts "[" and "{" that open a node. Quoted scalars, comments and block
 * scalars (| and >) are skipped, so brackets inside text never count. The count can only run ahead of the
 * parsed value's depth by a level or two (a multi-line plain scalar), never behind by more than half.
 */
export function findExcessNesting(text: string, maxDepth: number): NestingPosition | undefined {
  const limit = maxDepth + 1; // the root collection is level 1; the parsed value's depth limit counts keys below it
  const indents: number[] = []; // columns of the open block collections
  let flow = 0;
  let quote = 0;
  let line = 1;
  let lineStart = 0;
  let blockScalarAbove = -1; // while >= 0, lines indented deeper than this column are block scalar text
  let i = 0;
  const n = text.length;
  const at = (offset: number, depth: number): NestingPosition => ({ line, column: offset - lineStart + 1, depth });
  const nextLine = () => {
    while (i < n && text.charCodeAt(i) !== NL) i++;
    if (i < n) i++;
    line++;
    lineStart = i;
  };

  while (i < n) {
    let blockScalar = false;
    let entryColumn = -1; // the column after the line's last "- ", until a mapping there is seen
    if (quote === 0 && flow === 0) {
      let col = 0;
      while (text.charCodeAt(i + col) === SPACE) col++;
      const first = text.charCodeAt(i + col);
      const empty = isBreak(first) || (first === TAB && isBreak(text.charCodeAt(i + col + 1)));
      if (blockScalarAbove >= 0) {
        if (empty || col > blockScalarAbove) {
          nextLine();
          continue;
        }
        blockScalarAbove = -1;
      }
      if (empty || first === 0x23) {
        nextLine();
        continue;
      }
      if (col === 0 && /^(---|\.\.\.)(\s|$)/.test(text.slice(i, i + 4))) {
        indents.length = 0; // a new document
        i += 3;
      } else if (col === 0 && first === 0x25) {
        nextLine(); // a %YAML or %TAG directive
        continue;
      } else {
        while (indents.length && indents[indents.length - 1] > col) indents.pop();
        // A line that starts with a flow collection opens no block collection at its column.
        const flowFirst = first === 0x5b || first === 0x7b;
        if (!flowFirst && (!indents.length || indents[indents.length - 1] < col)) indents.push(col);
        if (indents.length > limit) return at(i + col, indents.length);
        i += col;
        // Compact entries: in "- - x" each further dash opens a sequence, and "- a: 1" a mapping at the entry's column.
        let dashes = 0;
        while (i < n && (text.charCodeAt(i) === 0x2d || text.charCodeAt(i) === 0x3f) && isBlank(text.charCodeAt(i + 1))) {
          if (dashes++ > 0) {
            indents.push(i - lineStart);
            if (indents.length > limit) return at(i, indents.length);
          }
          let j = i + 1;
          while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) j++;
          i = j;
          entryColumn = j - lineStart;
        }
      }
    }

    // The rest of the line, character by character.
    let nodeStart = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === NL) break;
      if (quote) {
        if (quote === 0x22 && c === 0x5c && text.charCodeAt(i + 1) !== NL) i += 2;
        else if (quote === 0x27 && c === 0x27 && text.charCodeAt(i + 1) === 0x27) i += 2;
        else {
          if (c === quote) {
            quote = 0;
            nodeStart = false;
          }
          i++;
        }
        continue;
      }
      if (c === 0x23 && (i === lineStart || isBlank(text.charCodeAt(i - 1)))) {
        while (i < n && text.charCodeAt(i) !== NL) i++;
        break;
      }
      if (c === SPACE || c === TAB || c === CR) {
        i++;
        continue;
      }
      if (nodeStart && (c === 0x22 || c === 0x27)) quote = c;
      else if ((c === 0x5b || c === 0x7b) && (nodeStart || flow > 0)) {
        flow++;
        if (indents.length + flow > limit) return at(i, indents.length + flow);
        i++;
        continue;
      } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
      else if (flow > 0 && c === 0x2c) {
        i++;
        continue;
      } else if (c === 0x3a && (isBlank(text.charCodeAt(i + 1)) || (flow > 0 && isFlowIndicator(text.charCodeAt(i + 1))))) {
        if (flow === 0 && entryColumn >= 0) {
          indents.push(entryColumn);
          if (indents.length > limit) return at(lineStart + entryColumn, indents.length);
          entryColumn = -1;
        }
        nodeStart = true;
        i++;
        continue;
      } else if (nodeStart && (c === 0x26 || c === 0x21)) {
        // An anchor (&a) or tag (!t) comes before the node it names.
        while (i < n && !isBlank(text.charCodeAt(i))) i++;
        continue;
      } else if (nodeStart && flow === 0 && (c === 0x7c || c === 0x3e)) blockScalar = true;
      nodeStart = false;
      i++;
    }
    if (blockScalar) blockScalarAbove = indents.length ? indents[indents.length - 1] : 0;
    if (i < n) {
      i++;
      line++;
      lineStart = i;
    }
  }
  return undefined;
}
