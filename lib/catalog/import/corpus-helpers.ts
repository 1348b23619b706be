// Reads a corpus folder as the import page or the CLI would send it: every .yaml/.yml/.json file, by its path
// relative to the folder. Test-only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ImportFileInput } from "./schemas";

export function folderFiles(root: string, skip: (relative: string) => boolean = () => false): ImportFileInput[] {
  const out: ImportFileInput[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(entry.name)) {
        const name = path.relative(root, full).split(path.sep).join("/");
        if (!skip(name)) out.push({ name, content: readFileSync(full, "utf8") });
      }
    }
  };
  walk(root);
  return out;
}

/** A deterministic shuffle (the order must not matter, and a failure must be reproducible). */
export function shuffled<T>(items: T[], seed = 12): T[] {
  const copy = [...items];
  let s = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
