// Which files an import sends, and in which requests. Pure apart from reading the file system.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

export const SPEC_EXTENSIONS = [".yaml", ".yml", ".json"];

/** Node modules, VCS metadata and build output are never catalog sources. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", ".hg", ".svn", "dist", "build", ".next"]);

export type SpecFile = { name: string; absolute: string; bytes: number };

/** A path relative to `base` with forward slashes: the stable file name the server keeps for catalog-as-code sync. */
export function displayName(absolute: string, base: string): string {
  const relative = path.relative(base, absolute);
  return (relative === "" ? path.basename(absolute) : relative).split(path.sep).join("/");
}

async function walk(directory: string, found: string[]): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith(".")) await walk(full, found);
    } else if (entry.isFile() && SPEC_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      found.push(full);
    }
  }
}

/**
 * Expands files and directories into spec files, sorted and without duplicates. A file named explicitly is sent
 * whatever its extension; directories contribute only *.yaml, *.yml and *.json.
 */
export async function collectSpecFiles(inputs: string[], base = process.cwd()): Promise<SpecFile[]> {
  const paths = new Set<string>();
  for (const input of inputs) {
    const absolute = path.resolve(base, input);
    const info = await stat(absolute).catch(() => null);
    if (!info) throw new Error(`${input}: no such file or directory`);
    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(absolute, found);
      found.forEach((f) => paths.add(f));
    } else paths.add(absolute);
  }
  const files = await Promise.all([...paths].map(async (absolute) => ({ absolute, name: displayName(absolute, base), bytes: (await stat(absolute)).size })));
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

export type BatchLimits = { maxBytes: number; maxFiles: number };
export const DEFAULT_BATCH: BatchLimits = { maxBytes: 8 * 1024 * 1024, maxFiles: 50 };

/** Groups files into requests of at most maxFiles and about maxBytes; a larger file travels alone. */
export function planBatches<T extends { bytes: number }>(files: T[], limits: BatchLimits = DEFAULT_BATCH): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const file of files) {
    if (current.length && (size + file.bytes > limits.maxBytes || current.length >= limits.maxFiles)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(file);
    size += file.bytes;
  }
  if (current.length) batches.push(current);
  return batches;
}

export async function readSpec(file: SpecFile): Promise<{ name: string; content: string }> {
  return { name: file.name, content: await readFile(file.absolute, "utf8") };
}
