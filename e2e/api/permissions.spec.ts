import { expect, test } from "@playwright/test";
import type { RoleName } from "../roles";
import { bearer, expectProblem, tokenFor } from "./helpers";

type Call = { name: string; method: "get" | "post"; path: string; data?: unknown };

const calls: Call[] = [
  { name: "list users", method: "get", path: "/api/v1/users" },
  { name: "create user", method: "post", path: "/api/v1/users", data: { email: "matrix-{role}@example.com", name: "Matrix" } },
  { name: "create team", method: "post", path: "/api/v1/teams", data: { slug: "matrix-{role}", name: "Matrix" } },
  { name: "list teams", method: "get", path: "/api/v1/teams" },
  { name: "read audit", method: "get", path: "/api/v1/audit" },
  { name: "verify audit", method: "get", path: "/api/v1/audit/verify" },
];

// Expected status per role for each call above, in order.
const matrix: Record<RoleName, number[]> = {
  admin: [200, 201, 201, 200, 200, 200],
  architect: [200, 403, 403, 200, 200, 200],
  compliance: [200, 403, 403, 200, 200, 200],
  producer: [403, 403, 403, 200, 403, 403],
  consumer: [403, 403, 403, 200, 403, 403],
};

for (const [role, statuses] of Object.entries(matrix) as [RoleName, number[]][]) {
  test(`permission matrix for ${role}`, async ({ request }) => {
    const token = await tokenFor(request, role);
    for (const [i, call] of calls.entries()) {
      const data = call.data ? JSON.parse(JSON.stringify(call.data).replaceAll("{role}", role)) : undefined;
      const response = await request[call.method](call.path, { headers: bearer(token), data });
      if (statuses[i] >= 400) {
        const problem = await expectProblem(response, statuses[i]);
        expect(problem.code).toBe("FORBIDDEN");
      } else {
        expect(response.status(), `${role} ${call.name}`).toBe(statuses[i]);
      }
    }
  });
}

test("a member is refused the admin API with 403 and nothing is created", async ({ request }) => {
  const member = await tokenFor(request, "consumer");
  await expectProblem(await request.post("/api/v1/users", { headers: bearer(member), data: { email: "sneaky@example.com", name: "Sneaky", role: "ADMIN" } }), 403);
  const admin = await tokenFor(request, "admin");
  const users = await (await request.get("/api/v1/users", { headers: bearer(admin) })).json();
  expect(users.items.map((u: { email: string }) => u.email)).not.toContain("sneaky@example.com");
});

test("validation errors point at each bad field", async ({ request }) => {
  const admin = await tokenFor(request, "admin");
  const problem = await expectProblem(
    await request.post("/api/v1/users", { headers: bearer(admin), data: { email: "not-an-email", name: "", role: "OWNER", password: "short" } }),
    422,
  );
  expect(problem.errors?.map((e) => e.pointer).sort()).toEqual(["/email", "/name", "/password", "/role"]);
  await expectProblem(await request.get("/api/v1/users/not-a-uuid", { headers: bearer(admin) }), 422);
  await expectProblem(await request.get("/api/v1/users/00000000-0000-4000-8000-000000000000", { headers: bearer(admin) }), 404);
});
