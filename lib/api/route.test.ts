import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { requirePermissionSomewhere } from "@/lib/auth/require";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { createToken } from "@/lib/tokens/data";
import { refuseCrossSite, route } from "./route";

const database = setupTestDatabase();
let token = "";

beforeAll(async () => {
  const ctx = await actAs(database(), "MEMBER");
  token = (await createToken(ctx, { name: "t", expiresInDays: 1 })).token;
});

/** A body stream that records how many bytes the server pulled from it. */
function countingStream(chunks: number, chunkBytes: number, fill = 0x20) {
  const pulled = { bytes: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) return controller.close();
      pulled.bytes += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(fill));
    },
  });
  return { stream, pulled };
}

function request(url: string, init: { body?: BodyInit | ReadableStream; headers?: Record<string, string>; method?: string } = {}) {
  return new NextRequest(`http://localhost${url}`, {
    method: init.method ?? "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
    body: init.body as BodyInit,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}

const echo = route({ body: z.object({ text: z.string() }), query: z.object({ q: z.string().optional() }), maxBodyBytes: 1024 * 1024 }, ({ body, query }) => ({ body, query }));
const call = (handler: typeof echo, req: NextRequest) => handler(req, { params: Promise.resolve({}) });

describe("route: bodies are limited while they stream", () => {
  it("refuses a chunked body without Content-Length as soon as it passes the limit, without reading the rest", async () => {
    const { stream, pulled } = countingStream(50, 1024 * 1024);
    const response = await call(echo, request("/api/v1/x", { body: stream }));
    expect(response.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(response.headers.get("connection")).toBe("close");
  });

  it("refuses a declared Content-Length over the limit without reading anything", async () => {
    const { stream, pulled } = countingStream(50, 1024 * 1024);
    const response = await call(echo, request("/api/v1/x", { body: stream, headers: { "content-length": String(50 * 1024 * 1024) } }));
    expect(response.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it("refuses a caller without the right before reading the body", async () => {
    const guarded = route({ body: z.object({ text: z.string() }), maxBodyBytes: 40 * 1024 * 1024, authorize: (ctx) => requirePermissionSomewhere(ctx, "catalog.import") }, () => "never");
    const { stream, pulled } = countingStream(19, 1024 * 1024);
    const response = await call(guarded, request("/api/v1/imports", { body: stream }));
    expect(response.status).toBe(403);
    // At most the first chunk is read: the refusal costs no parsing and no 19 MB read (bench:availability times it).
    expect(pulled.bytes).toBeLessThanOrEqual(1024 * 1024);
    // The server answers and closes rather than draining the unread 19 MB to keep the connection alive.
    expect(response.headers.get("connection")).toBe("close");
    // A refusal after the body was read keeps the connection (nothing left to drain).
    const invalid = await call(echo, request("/api/v1/x", { body: "{}" }));
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("connection")).toBeNull();
  });
});

describe("route: NUL and invalid UTF-8 are 422 naming where", () => {
  it("names the JSON pointer of a string holding U+0000", async () => {
    const response = await call(echo, request("/api/v1/x", { body: JSON.stringify({ text: "a\u0000b" }) }));
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.errors[0].pointer).toBe("/text");
  });

  it("names the line and column of invalid UTF-8 in the body", async () => {
    const bytes = Buffer.concat([Buffer.from('{\n"text": "ab'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const response = await call(echo, request("/api/v1/x", { body: bytes }));
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toMatch(/not valid UTF-8 at line 2, column 12/);
  });

  it("names the query parameter holding NUL or invalid UTF-8", async () => {
    for (const q of ["q=%00", "q=%FF%FE"]) {
      const response = await call(echo, request(`/api/v1/x?${q}`, { body: JSON.stringify({ text: "ok" }) }));
      expect(response.status).toBe(422);
      expect((await response.json()).errors[0].pointer).toBe("/query/q");
    }
  });

  it("still reads ordinary UTF-8 and answers with Cache-Control: no-store", async () => {
    const response = await call(echo, request("/api/v1/x?q=caf%C3%A9", { body: JSON.stringify({ text: "Zürich" }) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ body: { text: "Zürich" }, query: { q: "café" } });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("route: CSRF for cookie-authenticated state changes", () => {
  const session = { actor: { id: "u", email: "u@x", name: "U", role: "MEMBER" as const, teamIds: [] }, via: "session" as const };
  const post = (headers: Record<string, string>, method = "POST") => new NextRequest("http://portal.example/api/v1/contracts/x/transition", { method, headers });

  it("refuses a body-less POST riding the session cookie from another site", () => {
    expect(() => refuseCrossSite(post({ "sec-fetch-site": "cross-site" }), session)).toThrow(/Cross-site request refused/);
    expect(() => refuseCrossSite(post({ origin: "https://evil.example" }), session)).toThrow(/Origin: https:\/\/evil.example/);
  });

  it("allows same-origin browsers, reads, API tokens, and non-browser clients", () => {
    expect(() => refuseCrossSite(post({ "sec-fetch-site": "same-origin", origin: "http://portal.example" }), session)).not.toThrow();
    expect(() => refuseCrossSite(post({ "sec-fetch-site": "cross-site" }, "GET"), session)).not.toThrow();
    expect(() => refuseCrossSite(post({ "sec-fetch-site": "cross-site" }), { ...session, via: "token" })).not.toThrow();
    expect(() => refuseCrossSite(post({}), session)).not.toThrow();
  });
});
