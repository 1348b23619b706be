import { expect, test } from "@playwright/test";
import { bearer, expectProblem, tokenFor } from "./helpers";

const EXPORTS = ["ropa.csv", "ropa.xlsx", "ropa.pdf", "dataflows.csv", "dora.zip", "pci.csv", "pci.svg"];

test.describe("exports API", () => {
  test("the compliance officer downloads every export as an attachment, and each is audited", async ({ request }) => {
    const token = await tokenFor(request, "compliance");
    for (const format of EXPORTS) {
      const response = await request.get(`/api/v1/exports/${format}`, { headers: bearer(token) });
      expect(response.status(), format).toBe(200);
      expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="[^"]+"$/);
      expect((await response.body()).length).toBeGreaterThan(100);
    }
    const audit = await (await request.get("/api/v1/audit?action=export.", { headers: bearer(token) })).json();
    const actions = new Set(audit.items.map((e: { action: string }) => e.action));
    for (const format of EXPORTS) expect(actions.has(`export.${format}`), format).toBe(true);
    const history = await (await request.get("/api/v1/exports/history", { headers: bearer(token) })).json();
    expect(history.items[0].format).toBe("pci.svg");
  });

  test("the RoPA has a row per processing activity of the demo", async ({ request }) => {
    const token = await tokenFor(request, "compliance");
    const activities = await (await request.get("/api/v1/compliance/records/activities", { headers: bearer(token) })).json();
    expect(activities.items.length).toBeGreaterThan(5);
    const csv = await (await request.get("/api/v1/exports/ropa.csv", { headers: bearer(token) })).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines.length).toBe(1 + activities.items.length);
  });

  test("the DORA validation report lists the demo's missing mandatory values with template, row and column", async ({ request }) => {
    const token = await tokenFor(request, "compliance");
    const report = await (await request.get("/api/v1/exports/dora/validation?refDate=2025-12-31", { headers: bearer(token) })).json();
    expect(report.refDate).toBe("2025-12-31");
    expect(report.issues).toEqual(expect.arrayContaining([expect.objectContaining({ template: "B_02.01", column: "c0050", rowKey: "ICT-2024-031" })]));
    const bad = await expectProblem(await request.get("/api/v1/exports/dora/validation?refDate=31.12.2025", { headers: bearer(token) }), 422);
    expect(bad.errors?.[0].pointer).toBe("/query/refDate");
  });

  test("members and architects may not export; nobody unauthenticated may", async ({ request }) => {
    const member = await tokenFor(request, "consumer");
    const architect = await tokenFor(request, "architect");
    for (const format of EXPORTS) {
      await expectProblem(await request.get(`/api/v1/exports/${format}`, { headers: bearer(member) }), 403);
      await expectProblem(await request.get(`/api/v1/exports/${format}`, { headers: bearer(architect) }), 403);
      await expectProblem(await request.get(`/api/v1/exports/${format}`), 401);
    }
    await expectProblem(await request.get("/api/v1/compliance/records/activities", { headers: bearer(member) }), 403);
  });

  test("records are created, validated with JSON pointers, and deleted through the API", async ({ request }) => {
    const token = await tokenFor(request, "compliance");
    const bad = await expectProblem(
      await request.post("/api/v1/compliance/records/functions", { headers: bearer(token), data: { identifier: "9", name: "", rtoHours: -1 } }),
      422,
    );
    expect(bad.errors?.map((e) => e.pointer).sort()).toEqual(["/identifier", "/name", "/rtoHours"]);
    const created = await request.post("/api/v1/compliance/records/functions", { headers: bearer(token), data: { identifier: "F99", name: "E2E function" } });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    expect((await request.delete(`/api/v1/compliance/records/functions/${id}`, { headers: bearer(token) })).status()).toBe(204);
    await expectProblem(await request.get(`/api/v1/compliance/records/functions/${id}`, { headers: bearer(token) }), 404);
  });
});
