// Small helpers shared by the importers. Parsed documents are `unknown`; these narrow them without casts
// scattered through every parser.
import { ImportError, type ImportProblem } from "./model";

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Json {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100) || "unnamed";
}

/** RFC 6901 escaping of one pointer segment. */
export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + escapePointer(s)).join("");
}

export function splitPointer(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Value at a JSON pointer, or undefined when any segment is missing. */
export function getAtPointer(root: unknown, segments: readonly string[]): { found: boolean; value: unknown } {
  let node = root;
  for (const seg of segments) {
    if (Array.isArray(node) && /^\d+$/.test(seg) && Number(seg) < node.length) node = node[Number(seg)];
    else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, seg)) node = node[seg];
    else return { found: false, value: undefined };
  }
  return { found: true, value: node };
}

/** Collects problems and throws them together, so a user sees every problem of a file at once. */
export class Problems {
  readonly list: ImportProblem[] = [];
  constructor(private readonly cap = 50) {}
  add(problem: ImportProblem): void {
    if (this.list.length < this.cap) this.list.push(problem);
  }
  get full(): boolean {
    return this.list.length >= this.cap;
  }
  throwIfAny(): void {
    if (this.list.length) throw new ImportError(this.list);
  }
}

export function exampleText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 200 ? text.slice(0, 197) + "..." : text;
}
