import { z } from "zod";
import { DIFF_FORMATS, MODES } from "./types";

/** Twice the default request limit would not fit a big spec pair: two documents of up to 5 MB each. */
export const DIFF_MAX_BODY_BYTES = 10 * 1024 * 1024 + 4096;

export const DiffRequest = z
  .object({
    previous: z.string().min(1, "the previous version is empty").describe("The previous version's text (JSON, YAML or .proto)"),
    next: z.string().min(1, "the proposed version is empty").describe("The proposed version's text"),
    format: z.enum(DIFF_FORMATS).optional().describe("Detected from the text when omitted"),
    mode: z.enum(MODES).default("BACKWARD").describe("Compatibility mode (Confluent Schema Registry meaning); transitive modes equal their plain mode for two versions"),
  })
  .meta({ id: "DiffRequest" });
export type DiffRequest = z.infer<typeof DiffRequest>;

export const DiffChange = z
  .object({
    id: z.string().describe("Stable rule id plus location, e.g. openapi.operation.removed:GET /pets"),
    level: z.enum(["ERR", "WARN", "INFO"]).describe("ERR breaks consumers under the mode, WARN may break some, INFO is compatible"),
    path: z.string().describe("JSON pointer (OpenAPI, AsyncAPI, JSON Schema) or dotted name (Avro, Protobuf)"),
    message: z.string(),
    rule: z.string(),
    breaksVersion: z.string().optional(),
  })
  .meta({ id: "DiffChange" });

export const DiffResponse = z
  .object({
    breaking: z.boolean().describe("True when any change is an ERR"),
    changes: z.array(DiffChange),
    warnings: z.array(z.string()).describe("Why the answer may be incomplete, e.g. an input that is not valid OpenAPI (its first problems, with JSON pointers)"),
  })
  .meta({ id: "DiffResponse" });
