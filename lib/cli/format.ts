// How `cli import` reports: a table for people, or the documented JSON for scripts.
import type { ImportFileResult, ImportResponse } from "../catalog/import/schemas";

/** Exactly the documented --json shape: scripts compare it, so server-side extras (status, warnings) stay out. */
export function toJsonOutput(results: ImportFileResult[]) {
  return {
    results: results.map((r) => ({
      file: r.file,
      ok: r.ok,
      ...(r.error === undefined ? {} : { error: r.error }),
      interfaces: r.interfaces.map(({ id, name, kind, version, operations, channels }) => ({ id, name, kind, version, operations, channels })),
    })),
  };
}

/** Aligned columns; a row shorter than the header (an error message) runs free and does not widen the table. */
function table(rows: string[][]): string {
  const width = rows[0].length;
  const widths = rows[0].map((_, column) => Math.max(...rows.filter((row) => row.length === width || column < row.length - 1).map((row) => row[column]?.length ?? 0)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/** One line per imported interface, one per failed file; then totals and what sync retired. */
export function formatSummary(response: Pick<ImportResponse, "results"> & { retired?: ImportResponse["retired"] }): string {
  const rows = [["FILE", "RESULT", "INTERFACE", "KIND", "VERSION", "OPERATIONS", "CHANNELS"]];
  const notes: string[] = [];
  for (const result of response.results) {
    if (!result.ok) rows.push([result.file, "error", result.error ?? ""]);
    else if (result.interfaces.length === 0) rows.push([result.file, "ok", "(no interfaces)"]);
    for (const i of result.interfaces) rows.push([result.file, i.status, i.name, i.kind, i.version, String(i.operations), String(i.channels)]);
    for (const warning of result.warnings ?? []) notes.push(`warning: ${result.file}: ${warning}`);
  }
  const failed = response.results.filter((r) => !r.ok).length;
  const count = (status: string) => response.results.flatMap((r) => r.interfaces).filter((i) => i.status === status).length;
  const retired = response.retired ?? [];
  const totals =
    `${response.results.length} file(s): ${response.results.length - failed} imported, ${failed} failed; ` +
    `interfaces ${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged` +
    (retired.length ? `; ${retired.length} retired` : "");
  const retiredLines = retired.map((r) => `retired: ${r.name} (${r.sourcePath} is gone)`);
  return [table(rows), ...notes, ...retiredLines, totals].join("\n");
}
