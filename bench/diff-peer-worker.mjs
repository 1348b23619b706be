// Runs openapi-diff (the bench:diff peer) off the main thread, so that a case it never finishes can be
// stopped: bench/diff.ts terminates this worker after a timeout and starts a new one.
import { parentPort } from "node:worker_threads";
import openapiDiff from "openapi-diff";

parentPort.on("message", async ({ id, base, changed, format = "openapi3" }) => {
  try {
    const result = await openapiDiff.diffSpecs({
      sourceSpec: { content: base, location: "base.json", format },
      destinationSpec: { content: changed, location: "changed.json", format },
    });
    parentPort.postMessage({ id, breaking: result.breakingDifferencesFound });
  } catch (error) {
    parentPort.postMessage({ id, breaking: false, error: String(error?.message ?? error).slice(0, 120) });
  }
});
