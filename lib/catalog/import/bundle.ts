// Bundles an OpenAPI or AsyncAPI document split over several files of one import set: every relative $ref to
// another file of the set is rewritten to an internal ref into a copy of that file kept under the root key
// x-interchange-bundled (a specification extension, so validators accept it). Nothing is fetched: a ref that
// leaves the set, or names a file the set does not hold, is refused with its pointer. URL refs are left for
// checkRefs, which refuses them as before.
import path from "node:path/posix";
import { ImportError, type ImportProblem } from "./model";
import { escapePointer, isRecord, pointerOf } from "./util";

export const BUNDLE_KEY = "x-interchange-bundled";

export type BundleResult = { root: unknown; referenced: string[] };

const URL_LIKE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** The set-relative path a relative reference from `fromFile` names, or undefined when it leaves the set. */
export function resolveInSet(fromFile: string, relative: string): string | undefined {
  if (relative.startsWith("/")) return undefined;
  const joined = path.normalize(path.join(path.dirname(fromFile), relative));
  return joined.startsWith("../") || joined === ".." ? undefined : joined;
}

/**
 * `valueOf(name)` gives the parsed value of a file of the set (undefined: not in the set). `at(pointer, message)`
 * locates a problem found in the main document.
 */
export function bundleRefs(root: unknown, fileName: string, valueOf: (name: string) => unknown, at: (pointer: string, message: string) => ImportProblem): BundleResult {
  const bundled = new Map<string, unknown>();
  const problems: ImportProblem[] = [];
  const internal = (file: string, fragment: string) => `#/${BUNDLE_KEY}/${escapePointer(file)}${fragment.replace(/^\/?/, fragment ? "/" : "")}`;

  const rewrite = (node: unknown, file: string, trail: (string | number)[]): void => {
    const stack: { value: unknown; path: (string | number)[] }[] = [{ value: node, path: trail }];
    while (stack.length && problems.length < 20) {
      const { value, path: at_ } = stack.pop()!;
      if (Array.isArray(value)) {
        value.forEach((v, i) => typeof v === "object" && v !== null && stack.push({ value: v, path: [...at_, i] }));
        continue;
      }
      if (!isRecord(value)) continue;
      const ref = value.$ref;
      if (typeof ref === "string" && at_[at_.length - 1] !== "properties" && !URL_LIKE.test(ref)) {
        const [target, fragment = ""] = ref.split("#", 2);
        if (target === "") {
          // An internal ref of a bundled file points into that file's copy.
          if (file !== fileName) value.$ref = internal(file, fragment);
        } else {
          const resolved = resolveInSet(file, target);
          const where = file === fileName ? undefined : `in ${file} at ${pointerOf([...at_, "$ref"])}`;
          const problem = (message: string) => problems.push(where ? { message: `${message} (${where})` } : at(pointerOf([...at_, "$ref"]), message));
          if (resolved === undefined) {
            problem(`$ref '${ref}' points outside the imported files: imports never read other files or URLs`);
          } else if (valueOf(resolved) === undefined) {
            problem(`$ref '${ref}' names ${resolved}, which is not among the imported files: import the whole folder (or bundle the document first)`);
          } else {
            if (!bundled.has(resolved)) {
              const copy = structuredClone(valueOf(resolved));
              bundled.set(resolved, copy);
              rewrite(copy, resolved, []);
            }
            value.$ref = internal(resolved, fragment);
          }
        }
      }
      for (const [k, v] of Object.entries(value)) if (typeof v === "object" && v !== null) stack.push({ value: v, path: [...at_, k] });
    }
  };

  const copy = structuredClone(root);
  rewrite(copy, fileName, []);
  if (problems.length) throw new ImportError(problems);
  if (bundled.size && isRecord(copy)) copy[BUNDLE_KEY] = Object.fromEntries(bundled);
  return { root: copy, referenced: [...bundled.keys()] };
}
