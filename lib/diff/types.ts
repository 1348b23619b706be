// Public shapes of the breaking-change detector (lib/diff). Kept apart from index.ts so that the rule
// modules can share them without importing the entry point.

/** ERR breaks consumers under the chosen mode, WARN may break some, INFO is a compatible change. */
export type DiffLevel = "ERR" | "WARN" | "INFO";

export type Change = {
  /** The rule's stable id plus location, e.g. "openapi.operation.removed:GET /pets". */
  id: string;
  level: DiffLevel;
  /** Where in the document: a JSON pointer (OpenAPI, AsyncAPI, JSON Schema) or a dotted name (Avro, Protobuf). */
  path: string;
  message: string;
  /** The rule's stable id, e.g. "openapi.operation.removed". */
  rule: string;
  /** Transitive modes: the earlier version this change breaks. */
  breaksVersion?: string;
};

/** `warnings`: what makes an input doubtful (an OpenAPI document its official schema rejects), with where. */
export type DiffResult = { breaking: boolean; changes: Change[]; warnings: string[] };

export type DiffFormat = "OPENAPI" | "ASYNCAPI" | "JSON_SCHEMA" | "AVRO" | "PROTOBUF";

export type Mode = "BACKWARD" | "BACKWARD_TRANSITIVE" | "FORWARD" | "FORWARD_TRANSITIVE" | "FULL" | "FULL_TRANSITIVE" | "NONE";

export type SchemaVersion = { version: string; text: string };

export const DIFF_FORMATS: readonly DiffFormat[] = ["OPENAPI", "ASYNCAPI", "JSON_SCHEMA", "AVRO", "PROTOBUF"];
export const MODES: readonly Mode[] = ["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"];
