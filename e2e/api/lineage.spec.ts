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

  test("the map lists the demo estate, narrows by domain, and field lineage follows a derived mapping", async ({ request }) => {
    const token = await tokenFor(request, "consumer");
    const whole = await (await request.get("/api/v1/lineage/map", { headers: bearer(token) })).json();
    expect(whole.systems.length).toBeGreaterThan(20);
    const systemIds = new Set(whole.systems.map((s: { id: string }) => s.id));
    for (const flow of whole.flows) expect(systemIds.has(flow.consumerId)).toBe(true);
    const payments = whole.domains.find((d: { name: string }) => d.name === "Payments");
    const narrowed = await (await request.get(`/api/v1/lineage/map?domain=${payments.id}`, { headers: bearer(token) })).json();
    expect(narrowed.systems.length).toBeLessThan(whole.systems.length);
    expect(narrowed.systems.filter((s: { inScope: boolean }) => s.inScope).every((s: { domainId: string }) => s.domainId === payments.id)).toBe(true);

    // The demo derives field mappings from the catalog; follow one from its source field.
    const mapped = whole.flows.find((f: { mappedFields: number }) => f.mappedFields > 0);
    expect(mapped).toBeTruthy();
    const listed = await (await request.get(`/api/v1/lineage/fields?interface=${mapped.interfaceId}`, { headers: bearer(token) })).json();
    expect(listed.fields.length).toBeGreaterThan(0);
    const traced = await request.get(`/api/v1/lineage/fields?interface=${mapped.interfaceId}&path=${encodeURIComponent(listed.fields[0])}`, { headers: bearer(token) });
    expect(traced.status()).toBe(200);
    expect((await traced.json()).hops.length).toBeGreaterThan(0);

    const system = await request.get(`/api/v1/lineage/impact?system=${whole.systems[0].id}&depth=2`, { headers: bearer(token) });
    expect(system.status()).toBe(200);
    expect((await system.json()).system.id).toBe(whole.systems[0].id);
  });

  test("bad map and field queries get problem answers naming the parameter", async ({ request }) => {
    const token = await tokenFor(request, "consumer");
    const bad = await expectProblem(await request.get("/api/v1/lineage/map?domain=nope&classification=SECRET", { headers: bearer(token) }), 422);
    expect(bad.errors?.map((e) => e.pointer.replace(/\/\d+$/, "")).sort()).toEqual(["/query/classification", "/query/domain"]);
    await expectProblem(await request.get("/api/v1/lineage/fields?interface=00000000-0000-4000-8000-000000000000", { headers: bearer(token) }), 404);
    await expectProblem(await request.get("/api/v1/lineage/impact?depth=2", { headers: bearer(token) }), 422);
    await expectProblem(await request.get("/api/v1/lineage/map"), 401);
  });
});
