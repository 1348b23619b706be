// Worker thread entry for spec parsing, diffing and linting (lib/workers/pool.ts). A plain .mjs file so piscina can load
// it by path both under `next start` (whose bundles cannot be imported by a worker) and in vitest/tsx: it
// registers tsx and imports the TypeScript sources directly, so the worker runs the same code as the tests.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: path.join(process.cwd(), "tsconfig.json") });

const root = process.cwd();
const load = (file) => import(pathToFileURL(path.join(root, file)).href);
const importSetModule = load("lib/catalog/import/import-set.ts");
const prepareModule = load("lib/catalog/import/prepare.ts");
const diffModule = load("lib/diff/index.ts");
const lintModule = load("lib/governance/lint.ts");

/** Errors a user caused come back as data: class identity does not survive the thread boundary. */
export default async function run({ task, args }) {
  if (task === "parseImportSet") {
    const { parseImportSet } = await importSetModule;
    const { prepareParsedSet } = await prepareModule;
    try {
      // Prepared for the write here (hash, search text, elements as JSON batches), not on the request thread.
      return { ok: true, value: prepareParsedSet(await parseImportSet(...args)) };
    } catch (error) {
      if (error?.name === "ImportError") return { ok: false, kind: "ImportError", problems: error.problems };
      throw error;
    }
  }
  if (task === "diffDocuments") {
    const { diffDocuments } = await diffModule;
    try {
      return { ok: true, value: diffDocuments(...args) };
    } catch (error) {
      if (error?.name === "DiffInputError") return { ok: false, kind: "DiffInputError", problems: error.problems };
      throw error;
    }
  }
  if (task === "lintDocument") {
    const { lintDocument } = await lintModule;
    try {
      return { ok: true, value: await lintDocument(...args) };
    } catch (error) {
      if (error?.name === "AppError") return { ok: false, kind: "AppError", code: error.code, problems: [error.message] };
      throw error;
    }
  }
  throw new Error(`unknown task ${task}`);
}
