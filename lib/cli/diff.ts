// `npm run cli -- diff <old> <new>`: breaking-change detection for a producer's CI. Runs offline (the
// same lib/diff the server uses); exit 1 when a change breaks consumers under the mode (ERR), 2 when an
// input cannot be read or parsed, 0 otherwise.
import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describeProblem, detectFormat, DiffInputError, diffDocuments, diffVersions, DIFF_FORMATS, MODES, type Change, type DiffFormat, type DiffResult, type Mode } from "../diff";

export type DiffOptions = { mode?: string; format?: string; json?: boolean };
export type Output = { out: (text: string) => void; err: (text: string) => void };

const processOutput: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/**
 * The documented --json shape, plus `rule`, (transitive histories) `breaksVersion` and, only when there are
 * some, `warnings` (an input that is not valid OpenAPI), which scripts may ignore.
 */
export function toDiffJson(result: DiffResult) {
  return {
    breaking: result.breaking,
    changes: result.changes.map(({ id, level, path, message, rule, breaksVersion }) => ({ id, level, path, message, rule, ...(breaksVersion ? { breaksVersion } : {}) })),
    ...(result.warnings.length ? { warnings: result.warnings } : {}),
  };
}

/** Changes grouped by level, most severe first, with a one-line verdict. */
export function formatDiff(result: DiffResult, mode: Mode): string {
  const lines: string[] = [];
  const titles = { ERR: "Breaking (ERR)", WARN: "May break (WARN)", INFO: "Compatible (INFO)" } as const;
  for (const level of ["ERR", "WARN", "INFO"] as const) {
    const group = result.changes.filter((c: Change) => c.level === level);
    if (!group.length) continue;
    lines.push(`${titles[level]}: ${group.length}`);
    for (const c of group) lines.push(`  ${level.padEnd(4)} ${c.message}${c.breaksVersion ? ` [breaks ${c.breaksVersion}]` : ""}\n       at ${c.path}  (${c.rule})`);
    lines.push("");
  }
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (result.warnings.length) lines.push("");
  const count = (l: string) => result.changes.filter((c) => c.level === l).length;
  lines.push(
    result.changes.length === 0
      ? `No changes (mode ${mode}).`
      : `${result.breaking ? "BREAKING" : "Compatible"} under ${mode}: ${count("ERR")} error(s), ${count("WARN")} warning(s), ${count("INFO")} info.`,
  );
  return lines.join("\n");
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase().replace(/-/g, "_") as T;
  if (!allowed.includes(upper)) throw new UsageError(`unknown ${what} '${value}': use one of ${allowed.join(", ")}`);
  return upper;
}

class UsageError extends Error {}

/** Two files: the old and the new version. More: a history, oldest first, for the transitive modes. */
export async function diffCommand(files: string[], options: DiffOptions, io: Output = processOutput, base = process.env.INIT_CWD || process.cwd()): Promise<number> {
  let mode: Mode;
  let format: DiffFormat | undefined;
  try {
    if (files.length < 2) throw new UsageError("name the old and the new file");
    mode = pick(options.mode, MODES, "mode") ?? "BACKWARD";
    format = pick(options.format, DIFF_FORMATS, "format");
  } catch (error) {
    io.err(`error: ${(error as Error).message}\n`);
    return 2;
  }
  const texts: string[] = [];
  for (const file of files) {
    try {
      texts.push(await readFile(path.resolve(base, file), "utf8"));
    } catch (error) {
      io.err(`error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}\n`);
      return 2;
    }
  }
  let result: DiffResult;
  try {
    const last = files.length - 1;
    result =
      files.length === 2
        ? diffDocuments({ previous: texts[0], next: texts[1], previousName: files[0], nextName: files[1], mode, format })
        : diffVersions({ format: format ?? detectFormat(texts[last], files[last]), mode, versions: files.map((file, i) => ({ version: file, text: texts[i] })) });
  } catch (error) {
    if (error instanceof DiffInputError) {
      for (const problem of error.problems) io.err(`error: ${describeProblem(problem)}\n`);
      return 2;
    }
    throw error;
  }
  io.out(options.json ? `${JSON.stringify(toDiffJson(result), null, 2)}\n` : `${formatDiff(result, mode)}\n`);
  return result.breaking ? 1 : 0;
}

export function registerDiffCommand(program: Command): void {
  program
    .command("diff")
    .description("offline breaking-change check between versions of an OpenAPI, AsyncAPI, JSON Schema, Avro or Protobuf document; exit 1 on ERR, 2 on unreadable input")
    .argument("<files...>", "the old and the new version (or a whole history, oldest first, for the transitive modes)")
    .option("--mode <mode>", `compatibility mode: ${MODES.join(", ")} (default BACKWARD)`)
    .option("--format <format>", `${DIFF_FORMATS.join(", ")} (detected when omitted)`)
    .option("--json", "print { breaking, changes: [{ id, level, path, message }] }")
    .action(async (files: string[], options: DiffOptions) => {
      process.exitCode = await diffCommand(files, options);
    });
}
