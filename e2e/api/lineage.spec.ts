import { expect, test } from "@playwright/test";
import { bearer, expectProblem, tokenFor } from "./helpers";

test.describe("lineage API", () => {
  test("a member focuses a demo interface, gets a connected graph, and downloads its impact as CSV", async ({ request }) => {
    const token = await tokenFor(request, "consumer");
    const search = await (await request.get("/api/v1/interfaces?q=payment.authorised.v1", { headers: bearer(token) })).json();
    const focus = search.items.find((i: { name: string }) => i.name === "payment.authorised.v1");
    expect(focus).toBeTruthy();

    const response = await request.get(`/api/v1/lineage?focus=${focus.id}&depth=2&direction=down`, { headers: bearer(token) });
    expect(response.status()).toBe(200);
    const graph = await response.json();
    const ids = new Set(graph.nodes.map((n: { id: string }) => n.id));
    expect(ids.has(focus.id)).toBe(true);
    expect(graph.edges.length).toBeGreaterThan(0);
    for (const edge of graph.edges) {
      expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    }
    expect(graph.edges.some((e: { kind: string; source: string }) => e.kind === "flow" && e.source === focus.id)).toBe(true);

    const csv = await request.get(`/api/v1/lineage/impact?interface=${focus.id}&format=csv`, { headers: bearer(token) });
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename=/);
    const [header, ...rows] = (await csv.text()).trim().split(/\r?\n/);
    expect(header).toBe("item,id,name,hop,interface,system,team,status");
    // Its consumers and their owning teams are listed, one row each.
    expect(rows.some((row) => row.startsWith("consumer,"))).toBe(true);
    expect(rows.some((row) => row.startsWith("team,"))).toBe(true);
  });

  test("bad lineage queries get problem answers naming the parameter", async ({ request }) => {
    const token = await tokenFor(request, "consumer");
    const invalid = await expectProblem(await request.get("/api/v1/lineage?focus=not-a-uuid&depth=9", { headers: bearer(token) }), 422);
    expect(invalid.errors?.map((e) => e.pointer).sort()).toEqual(["/query/depth", "/query/focus"]);
    await expectProblem(await request.get("/api/v1/lineage?focus=00000000-0000-4000-8000-000000000000", { headers: bearer(token) }), 404);
    await expectProblem(await request.get("/api/v1/lineage?focus=00000000-0000-4000-8000-000000000000"), 401);
  });
});
