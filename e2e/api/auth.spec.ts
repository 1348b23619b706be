import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, ROLES } from "../roles";
import { bearer, expectProblem } from "./helpers";

test.describe("token exchange and bearer authentication", () => {
  test("a token from email and password authenticates, is shown once, and stops working when revoked", async ({ request }) => {
    const issued = await request.post("/api/v1/auth/token", { data: { email: ROLES.architect, password: DEMO_PASSWORD, name: "revoke me", expiresInDays: 7 } });
    expect(issued.status()).toBe(201);
    const { id, token, expiresAt, prefix } = await issued.json();
    expect(token).toMatch(/^ic_/);
    expect(token.startsWith(prefix)).toBe(true);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    const me = await request.get("/api/v1/me", { headers: bearer(token) });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: ROLES.architect, role: "ARCHITECT" });

    const listed = await (await request.get("/api/v1/tokens", { headers: bearer(token) })).json();
    const mine = listed.items.find((t: { id: string }) => t.id === id);
    expect(mine).toBeTruthy();
    expect(JSON.stringify(listed)).not.toContain(token);

    expect((await request.delete(`/api/v1/tokens/${id}`, { headers: bearer(token) })).status()).toBe(200);
    const after = await expectProblem(await request.get("/api/v1/me", { headers: bearer(token) }), 401);
    expect(after.detail).toBe("The API token was revoked");
  });

  const badSignIns = [
    { name: "wrong password", data: { email: ROLES.admin, password: "not-the-password" }, status: 401, detail: "Wrong email or password" },
    { name: "unknown email", data: { email: "nobody@interchange.local", password: DEMO_PASSWORD }, status: 401, detail: "Wrong email or password" },
    { name: "missing password", data: { email: ROLES.admin }, status: 422, pointer: "/password" },
    { name: "not an email", data: { email: "admin", password: "x" }, status: 422, pointer: "/email" },
    { name: "expiry too long", data: { email: ROLES.admin, password: DEMO_PASSWORD, expiresInDays: 5000 }, status: 422, pointer: "/expiresInDays" },
  ];
  for (const c of badSignIns) {
    test(`bad sign-in: ${c.name} -> ${c.status}`, async ({ request }) => {
      const body = await expectProblem(await request.post("/api/v1/auth/token", { data: c.data }), c.status);
      if (c.detail) expect(body.detail).toBe(c.detail);
      if (c.pointer) expect(body.errors?.map((e) => e.pointer)).toContain(c.pointer);
    });
  }

  test("malformed JSON, a non-JSON body and a bad Authorization header get clear 4xx answers", async ({ request }) => {
    const malformed = await expectProblem(
      await request.post("/api/v1/auth/token", { headers: { "content-type": "application/json" }, data: Buffer.from('{"email": "admin@interchange.local",') }),
      400,
    );
    expect(malformed.detail).toContain("not valid JSON");
    await expectProblem(await request.post("/api/v1/auth/token", { headers: { "content-type": "text/plain" }, data: Buffer.from("email=admin") }), 415);
    const scheme = await expectProblem(await request.get("/api/v1/me", { headers: { authorization: "Basic YWRtaW46eA==" } }), 401);
    expect(scheme.detail).toContain("Bearer");
    const unknown = await expectProblem(await request.get("/api/v1/me", { headers: bearer("ic_made-up") }), 401);
    expect(unknown.detail).toBe("The API token is not valid");
    await expectProblem(await request.get("/api/v1/me"), 401);
  });
});

test.describe("health and API description", () => {
  test("health answers without authentication and shows no internals", async ({ request }) => {
    const response = await request.get("/api/v1/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("openapi.json documents the endpoints with their request schemas", async ({ request }) => {
    const document = await (await request.get("/api/v1/openapi.json")).json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/auth/token", "/api/v1/users", "/api/v1/audit/verify", "/api/v1/health"]));
    const tokenBody = document.paths["/api/v1/auth/token"].post.requestBody.content["application/json"].schema;
    expect(tokenBody.required).toEqual(expect.arrayContaining(["email", "password"]));
  });

  test("API answers carry security headers", async ({ request }) => {
    const response = await request.get("/api/v1/health");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  });
});
