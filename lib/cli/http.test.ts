import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { apiRequest, CliError, retryAfterMs } from "./http";

let server: Server | undefined;
afterEach(() => server?.close());

/** A local server answering each request with the next of `answers` (the last one repeats); counts requests. */
async function serve(answers: { status: number; body: unknown; retryAfter?: string }[]) {
  const seen: string[] = [];
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      seen.push(body);
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
      response.writeHead(answer.status, { "content-type": "application/json", ...(answer.retryAfter ? { "retry-after": answer.retryAfter } : {}) });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
}

describe("apiRequest", () => {
  it("sends a request the server turned away with 429 again after its Retry-After, with the same body", async () => {
    const busy = { status: 429, body: { detail: "You already have 2 documents being parsed" }, retryAfter: "0" };
    const { url, seen } = await serve([busy, busy, { status: 200, body: { results: ["ok"] } }]);
    await expect(apiRequest({ url }, "POST", "api/v1/imports", { files: ["a.yaml"] })).resolves.toEqual({ results: ["ok"] });
    expect(seen).toEqual(Array(3).fill(JSON.stringify({ files: ["a.yaml"] })));
  });

  it("gives up with the server's message once its patience is spent", async () => {
    const { url, seen } = await serve([{ status: 429, body: { detail: "Too many requests; try again later" }, retryAfter: "0" }]);
    const error = await apiRequest({ url }, "GET", "api/v1/me", undefined, 600).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toBe("429 Too many requests; try again later");
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it("does not repeat other refusals", async () => {
    const { url, seen } = await serve([{ status: 422, body: { detail: "Invalid", errors: [{ pointer: "/files/0", message: "is empty" }] } }]);
    await expect(apiRequest({ url }, "POST", "api/v1/imports", {})).rejects.toThrow("422 Invalid\n  /files/0: is empty");
    expect(seen).toHaveLength(1);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates, within a quarter of a second and a minute", () => {
    expect(retryAfterMs("5")).toBe(5000);
    expect(retryAfterMs("0")).toBe(250);
    expect(retryAfterMs("3600")).toBe(60_000);
    expect(retryAfterMs(new Date(1_000_000 + 2000).toUTCString(), 1_000_000)).toBe(2000);
    expect(retryAfterMs(null)).toBe(5000);
    expect(retryAfterMs("soon")).toBe(5000);
  });
});
