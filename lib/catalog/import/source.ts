// Turns document text into plain values, enforcing the size, alias and nesting limits before any
// validator runs, and keeps a way back from a JSON pointer to the line it came from.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from "yaml";
import { ImportError, type ImportLimits, type ImportProblem } from "./model";
import { lineColumnFinder, locateJsonPointer } from "./json-locate";
import { findExcessNesting } from "./nesting";
import { isRecord, pointerOf, splitPointer } from "./util";

export type Location = { line: number; column: number };

export type Source = {
  text: string;
  /** One value per YAML document (JSON: exactly one). */
  values: unknown[];
  /** Line and column of a JSON pointer in document `doc`, or of its deepest existing ancestor. */
  locate(pointer: string, doc?: number): Location | undefined;
  /** A problem at a pointer, with the pointer's line. */
  at(pointer: string, message: string, doc?: number): ImportProblem;
};

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

export function loadSource(fileName: string, text: string, limits: ImportLimits): Source {
  // Size first: nothing else should spend time or memory on an oversize document.
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > limits.maxBytes) {
    throw new ImportError([{ message: `document is ${formatMegabytes(bytes)} MB, over the ${formatMegabytes(limits.maxBytes)} MB limit` }]);
  }
  // Nesting next, in one linear pass: the parsers recurse per level, so 100,000 levels must never reach them.
  const deep = findExcessNesting(text, limits.maxDepth);
  if (deep) throw new ImportError([{ message: `document is nested deeper than the limit of ${limits.maxDepth} levels (column ${deep.column})`, line: deep.line, column: deep.column }]);
  const looksJson = /\.json$/i.test(fileName) || /^\s*[{[]/.test(text);
  const source = looksJson ? loadJson(text) : loadYaml(text, limits);
  source.values.forEach((value, doc) => checkDepth(value, limits.maxDepth, source, doc));
  return source;
}

function withAt(base: Omit<Source, "at">): Source {
  return {
    ...base,
    at: (pointer, message, doc) => ({ message, pointer: pointer || "/", ...base.locate(pointer, doc) }),
  };
}

function loadJson(text: string): Source {
  const position = lineColumnFinder(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message);
    const reason = message.replace(/ in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
    throw new ImportError([{ message: `malformed JSON: ${reason}`, ...(offset ? position(Number(offset[1])) : {}) }]);
  }
  return withAt({
    text,
    values: [value],
    locate: (pointer) => position(locateJsonPointer(text, splitPointer(pointer))),
  });
}

function loadYaml(text: string, limits: ImportLimits): Source {
  const lineCounter = new LineCounter();
  const position = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let docs: Document.Parsed[];
  try {
    // yaml's own uniqueKeys check is quadratic in a map's size (3+ s on a 10 MB spec with 9,000 paths);
    // duplicateKeys() below does the same check in linear time.
    const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    throw recursionOr(error, limits);
  }
  const problems: ImportProblem[] = [];
  for (const doc of docs) {
    for (const err of doc.errors.slice(0, 20)) {
      problems.push({ message: `malformed YAML: ${err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`, ...position(err.pos[0]) });
    }
  }
  for (const doc of docs) for (const offset of duplicateKeys(doc.contents)) problems.push({ message: "malformed YAML: map keys must be unique", ...position(offset) });
  if (problems.length) throw new ImportError(problems.slice(0, 20));
  const values: unknown[] = [];
  for (const doc of docs) {
    try {
      // maxAliasCount bounds how far aliases may expand: the billion-laughs defence.
      values.push(doc.toJS({ maxAliasCount: limits.maxAliases }));
    } catch (error) {
      if (error instanceof ReferenceError && /alias/i.test(error.message)) {
        const first = firstAlias(doc.contents);
        throw new ImportError([
          { message: `too many YAML aliases: expanding them exceeds the limit of ${limits.maxAliases} (a billion-laughs document?)`, ...(first ? position(first) : {}) },
        ]);
      }
      throw recursionOr(error, limits);
    }
  }
  if (values.length === 0) throw new ImportError([{ message: "document is empty" }]);
  return withAt({
    text,
    values,
    locate: (pointer, doc = 0) => {
      const document = docs[doc];
      const offset = document ? locateYamlPointer(document, splitPointer(pointer)) : undefined;
      return offset === undefined ? undefined : position(offset);
    },
  });
}

function recursionOr(error: unknown, limits: ImportLimits): unknown {
  if (error instanceof RangeError) return new ImportError([{ message: `document is nested deeper than the limit of ${limits.maxDepth} levels` }]);
  return error;
}

function duplicateKeys(root: unknown): number[] {
  const found: number[] = [];
  const stack = [root];
  while (stack.length && found.length < 20) {
    const n = stack.pop();
    if (isMap(n)) {
      const keys = new Set<string>();
      for (const pair of n.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (keys.has(key)) found.push(pair.key.range?.[0] ?? 0);
          keys.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(n)) stack.push(...n.items);
  }
  return found.sort((a, b) => a - b);
}

function firstAlias(node: unknown): number | undefined {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (isAlias(n)) return n.range?.[0];
    if (isMap(n) || isSeq(n)) for (const item of n.items) stack.push(isMap(n) && item && typeof item === "object" && "value" in item ? item.value : item);
  }
  return undefined;
}

function locateYamlPointer(doc: Document.Parsed, segments: readonly string[]): number | undefined {
  let node: unknown = doc.contents;
  let at = (node as YamlNode | null)?.range?.[0];
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return at;
      at = (pair.key as YamlNode).range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = /^\d+$/.test(seg) ? node.items[Number(seg)] : undefined;
      if (!item) return at;
      at = (item as YamlNode).range?.[0] ?? at;
      node = item;
    } else {
      return at;
    }
  }
  return at;
}

/** Rejects values nested deeper than maxDepth (also catches cycles built from YAML aliases). */
function checkDepth(root: unknown, maxDepth: number, source: Omit<Source, "at"> & Pick<Source, "at">, doc: number): void {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length > maxDepth) {
      throw new ImportError([source.at(pointerOf(path.slice(0, maxDepth + 1)), `document is nested deeper than the limit of ${maxDepth} levels`, doc)]);
    }
    if (Array.isArray(value)) value.forEach((v, i) => typeof v === "object" && v !== null && stack.push({ value: v, path: [...path, i] }));
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) if (typeof v === "object" && v !== null) stack.push({ value: v, path: [...path, k] });
  }
}
