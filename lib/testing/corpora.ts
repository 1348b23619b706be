import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The third-party acceptance material (oasdiff pairs, Apicurio cases, AsyncAPI, Backstage and ODCS examples)
 * lives beside the checkout in ../shared/corpora; CORPORA_DIR points elsewhere. Tests that score against it
 * use `describe.skipIf(!corporaDir)` so a checkout without it says "skipped", never "passed".
 */
function locateCorpora(): string | undefined {
  const candidates = [process.env.CORPORA_DIR, path.resolve(import.meta.dirname, "../../../shared/corpora")];
  return candidates.find((dir): dir is string => !!dir && existsSync(path.join(dir, "README.md")));
}

export const corporaDir = locateCorpora();

/** Absolute path of a file or folder of the corpus; throws when the corpus is absent. */
export function corpusPath(...parts: string[]): string {
  if (!corporaDir) throw new Error("the acceptance corpora are not here: set CORPORA_DIR or place them in ../shared/corpora");
  return path.join(corporaDir, ...parts);
}
