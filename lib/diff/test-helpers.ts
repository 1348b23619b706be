// Shared by the diff tests: run a diff and read back which rules fired at which level.
import { diffDocuments } from "./index";
import type { DiffFormat, DiffResult, Mode } from "./types";

export function run(format: DiffFormat, previous: unknown, next: unknown, mode: Mode = "BACKWARD"): DiffResult {
  const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  return diffDocuments({ format, previous: text(previous), next: text(next), mode });
}

/** "rule=LEVEL" for every change, sorted: one assertion names the whole outcome. */
export function outcome(result: DiffResult): string[] {
  return result.changes.map((c) => `${c.rule}=${c.level}`).sort();
}

/** The level of the one change a rule produced (fails loudly when the rule fired zero or several times). */
export function levelOf(result: DiffResult, rule: string): string {
  const hits = result.changes.filter((c) => c.rule === rule);
  if (hits.length !== 1) throw new Error(`expected exactly one ${rule}, got ${hits.length}: ${JSON.stringify(result.changes.map((c) => c.id))}`);
  return hits[0].level;
}
