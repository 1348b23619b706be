// A standalone JSON Schema document (a contract's schema or a topic's value schema), judged with
// Confluent Schema Registry's strict content-model semantics.
import { Findings, type Finding } from "./finding";
import { SchemaComparer } from "./json-schema";

export function compareJsonSchema(oldSchema: unknown, newSchema: unknown): Finding[] {
  const out = new Findings();
  new SchemaComparer(oldSchema, newSchema, out, { lenient: false }).compare(oldSchema, "", newSchema, "", false, "");
  return out.list;
}
