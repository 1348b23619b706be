// What the keyword modules (arrays, objects, composition) need from the JSON Schema comparison
// (json-schema.ts), so that each keyword family lives in its own small file.
import type { Flag } from "./finding";

export type Side = "old" | "new";

export interface SchemaWalker {
  readonly lenient: boolean;
  /** Compares two subschemas with the current polarity. */
  node(oldRaw: unknown, oldPointer: string, newRaw: unknown, newPointer: string): void;
  /** Runs `fn` with narrowing and widening swapped (inside `not`, a wider inner schema is a narrower outer one). */
  negated(fn: () => void): void;
  /** narrows = the new schema rejects a value the old one accepted; widens = the reverse. */
  emit(rule: string, pointer: string, message: string, narrows: Flag, widens: Flag, at?: string): void;
  /**
   * Whether every value `x` accepts is accepted by `y`, as far as the engine can prove it (false when it
   * cannot). The sides say which document each schema's $refs resolve in. `strict`: judge undeclared
   * properties as allowed values even under the lenient (OpenAPI) policy.
   */
  subset(x: unknown, xSide: Side, y: unknown, ySide: Side, strict?: boolean): boolean;
  /** A subschema with its $ref chain followed, in the old or the new document. */
  resolved(side: Side, value: unknown, pointer: string): unknown;
  /** OpenAPI: a readOnly property in a request, or a writeOnly one in a response, is not sent that way. */
  notInThisDirection(schema: unknown): boolean;
  /** "Response" polarity: what consumers read, where widening breaks them. */
  readonly flipped: boolean;
}
