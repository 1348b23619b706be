import { expect, test, type APIRequestContext } from "@playwright/test";
import type { RoleName } from "../roles";
import { bearer, expectProblem, tokenFor } from "./helpers";

/** A demo flow consumed by hubspot from the Customer Profile API: one of the demo's deliberate transfer gaps. */
async function hubspotFlow(request: APIRequestContext, token: string) {
  const search = await (await request.get("/api/v1/interfaces?q=Customer%20Profile%20API", { headers: bearer(token) })).json();
  const api = search.items.find((i: { name: string }) => i.name === "Customer Profile API");
  const flows = await (await request.get(`/api/v1/flows?interface=${api.id}`, { headers: bearer(token) })).json();
  const flow = flows.items.find((f: { consumerSystem: { name: string } }) => /hubspot/i.test(f.consumerSystem.name));
  expect(flow, "the Customer Profile API → HubSpot flow").toBeTruthy();
  return flow as { id: string; name: string; interface: { id: string }; consumerSystem: { id: string } };
}

test.describe("compliance API", () => {
  test("violations are filterable by flow, interface and system, with owner and message", async ({ request }) => {
    const token = await tokenFor(request, "compliance");
    const flow = await hubspotFlow(request, token);
    for (const filter of [`flowId=${flow.id}`, `interfaceId=${flow.interface.id}`, `systemId=${flow.consumerSystem.id}`]) {
      const response = await request.get(`/api/v1/compliance/violations?${filter}`, { headers: bearer(token) });
      expect(response.status()).toBe(200);
      const { items } = await response.json();
      const gap = items.find((v: { flowId?: string; policy: string }) => v.flowId === flow.id && v.policy === "transfer-without-tool");
      expect(gap, filter).toMatchObject({ interfaceId: flow.interface.id, systemId: flow.consumerSystem.id, owner: { name: expect.any(String) } });
      expect(gap.message).toMatch(/outside the EEA, without a transfer tool/);
    }
    await expectProblem(await request.get("/api/v1/compliance/violations?flowId=nope", { headers: bearer(token) }), 422);
    await expectProblem(await request.get("/api/v1/compliance/violations"), 401);
  });

  test("PATCH /flows/:id validates with JSON pointers, authorizes, audits and re-evaluates", async ({ request }) => {
    const officer = await tokenFor(request, "compliance");
    const flow = await hubspotFlow(request, officer);
    const patch = (token: string, data: unknown) => request.patch(`/api/v1/flows/${flow.id}`, { headers: bearer(token), data });

    const cases: [unknown, string][] = [
      [{ destinationCountry: "XX" }, "/destinationCountry"],
      [{ sourceCountry: "Germany" }, "/sourceCountry"],
      [{ transferTool: "CONTRACT" }, "/transferTool"],
      [{ encryptedInTransit: "yes" }, "/encryptedInTransit"],
      [{ dataCategories: "contact" }, "/dataCategories"],
      [{ pciElements: ["CVV"] }, "/pciElements/0"],
    ];
    for (const [body, pointer] of cases) {
      const problem = await expectProblem(await patch(officer, body), 422);
      expect(problem.errors?.map((e) => e.pointer), JSON.stringify(body)).toContain(pointer);
    }
    // The consumer role's team (order management) neither produces nor consumes this flow.
    await expectProblem(await patch(await tokenFor(request, "consumer"), { purpose: "x" }), 403);
    await expectProblem(await request.patch("/api/v1/flows/00000000-0000-4000-8000-000000000000", { headers: bearer(officer), data: { purpose: "x" } }), 404);

    const fixed = await patch(officer, { transferTool: "SCC", transferDocument: "HubSpot DPA", transferSccModule: "MODULE_2", transferSignedOn: "2025-06-01", transferTia: "TIA-HubSpot-2025" });
    expect(fixed.status()).toBe(200);
    const body = await fixed.json();
    expect(body.transferTool).toBe("SCC");
    expect(body.violations.map((v: { policy: string }) => v.policy)).not.toContain("transfer-without-tool");
    const audit = await (await request.get(`/api/v1/audit?action=flow.compliance_update`, { headers: bearer(officer) })).json();
    expect(audit.items.some((e: { entityId: string }) => e.entityId === flow.id)).toBe(true);

    const reopened = await (await patch(officer, { transferSignedOn: null })).json();
    expect(reopened.violations.map((v: { policy: string }) => v.policy)).toContain("transfer-without-tool");
  });

  test("suggestions are listed with reasons; only compliance officers decide", async ({ request }) => {
    const officer = await tokenFor(request, "compliance");
    const list = await (await request.get("/api/v1/compliance/classification/suggestions?rule=email&limit=5", { headers: bearer(officer) })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items[0]).toMatchObject({ rule: "email", matchedWords: ["email"], status: "SUGGESTED" });
    const architect = await tokenFor(request, "architect");
    await expectProblem(await request.post("/api/v1/compliance/classification/decisions", { headers: bearer(architect), data: { fieldIds: [list.items[0].fieldId], decision: "CONFIRM" } }), 403);
    await expectProblem(await request.get("/api/v1/compliance/classification/suggestions", { headers: bearer(await tokenFor(request, "consumer")) }), 403);
    const bad = await expectProblem(await request.post("/api/v1/compliance/classification/decisions", { headers: bearer(officer), data: { fieldIds: [], decision: "MAYBE" } }), 422);
    expect(bad.errors?.map((e) => e.pointer)).toEqual(expect.arrayContaining(["/fieldIds", "/decision"]));
  });
});

test.describe("compliance permissions", () => {
  const calls = [
    { name: "overview", method: "get", path: "/api/v1/compliance/overview" },
    { name: "suggestions", method: "get", path: "/api/v1/compliance/classification/suggestions" },
    { name: "policies", method: "get", path: "/api/v1/compliance/policies" },
    { name: "tune a policy", method: "patch", path: "/api/v1/compliance/policies/personal-without-basis", data: { severity: "MEDIUM" } },
    { name: "violations", method: "get", path: "/api/v1/compliance/violations" },
  ] as const;
  const matrix: Record<RoleName, number[]> = {
    admin: [200, 200, 200, 200, 200],
    architect: [200, 200, 200, 403, 200],
    compliance: [200, 200, 200, 403, 200],
    producer: [403, 403, 403, 403, 200],
    consumer: [403, 403, 403, 403, 200],
  };
  for (const [role, statuses] of Object.entries(matrix) as [RoleName, number[]][]) {
    test(`${role}`, async ({ request }) => {
      const token = await tokenFor(request, role);
      for (const [i, call] of calls.entries()) {
        const response = await request[call.method](call.path, { headers: bearer(token), data: "data" in call ? call.data : undefined });
        if (statuses[i] >= 400) expect((await expectProblem(response, statuses[i])).code).toBe("FORBIDDEN");
        else expect(response.status(), `${role} ${call.name}`).toBe(statuses[i]);
      }
    });
  }

  test("people without a compliance role see only their own teams' violations", async ({ request }) => {
    const [all, mine] = await Promise.all(
      (["compliance", "producer"] as const).map(async (role) => (await (await request.get("/api/v1/compliance/violations", { headers: bearer(await tokenFor(request, role)) })).json()).items),
    );
    const me = await (await request.get("/api/v1/me", { headers: bearer(await tokenFor(request, "producer")) })).json();
    expect(all.length).toBeGreaterThan(mine.length);
    for (const v of mine) expect(me.teamIds).toContain(v.owner.id);
  });
});
