// The availability bench's uploader, in its own process so that sending 19 MB bodies never delays the health probes
// the bench measures on its own event loop. Usage: node bench/availability-uploader.mjs <base> <token> <bodyFile>
// <seconds>; with seconds 0 it uploads once, else it repeats until that many seconds have passed. Prints one JSON
// line: the uploads' statuses, times and outcomes.
import { readFileSync } from "node:fs";

const [base, token, bodyFile, secondsArg] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const until = Date.now() + Number(secondsArg) * 1000;

async function upload() {
  const t0 = performance.now();
  try {
    const response = await fetch(`${base}/api/v1/imports`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
    const text = await response.text();
    let outcome = text.slice(0, 300);
    try {
      const parsed = JSON.parse(text);
      outcome = parsed.detail ?? JSON.stringify(parsed.results?.map((r) => ({ ok: r.ok, error: r.error?.slice(0, 200), interfaces: r.interfaces.length })));
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, ms: performance.now() - t0, outcome };
  } catch (error) {
    return { status: 0, ms: performance.now() - t0, outcome: `connection: ${error.message}` };
  }
}

const uploads = [await upload()];
while (Date.now() < until) uploads.push(await upload());
process.stdout.write(JSON.stringify(uploads) + "\n");
