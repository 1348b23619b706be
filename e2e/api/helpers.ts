import { expect, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, ROLES, type RoleName } from "../roles";

const tokens = new Map<RoleName, string>();

/** An API token for a demo user, from the public token exchange (cached per run). */
export async function tokenFor(request: APIRequestContext, role: RoleName): Promise<string> {
  const cached = tokens.get(role);
  if (cached) return cached;
  const response = await request.post("/api/v1/auth/token", { data: { email: ROLES[role], password: DEMO_PASSWORD, name: `e2e ${role}` } });
  expect(response.status(), await response.text()).toBe(201);
  const { token } = await response.json();
  tokens.set(role, token);
  return token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Asserts an RFC 9457 problem+json answer and returns its body. */
export async function expectProblem(response: { status(): number; headers(): Record<string, string>; json(): Promise<unknown> }, status: number) {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body = (await response.json()) as { status: number; title: string; detail: string; requestId: string; code: string; errors?: { pointer: string; message: string }[] };
  expect(body.status).toBe(status);
  expect(body.requestId).toBeTruthy();
  expect(response.headers()["x-request-id"]).toBe(body.requestId);
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}
