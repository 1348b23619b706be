import { beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/auth/require";
import { setupTestDatabase } from "@/lib/testing/integration";
import { globalSearch } from "./data";

describe("globalSearch", () => {
  const database = setupTestDatabase();

  beforeAll(async () => {
    const { prisma } = database();
    const domain = await prisma.domain.create({ data: { slug: "payments", name: "Payments" } });
    const system = await prisma.system.create({ data: { slug: "payment-gateway", name: "Payment Gateway", domainId: domain.id } });
    const orders = await prisma.system.create({ data: { slug: "order-service", name: "Order Service" } });
    const api = await prisma.interface.create({ data: { slug: "payments-api", name: "Payments API", systemId: system.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE" } });
    await prisma.flow.create({ data: { name: "Payments API → Order Service", interfaceId: api.id, consumerSystemId: orders.id, style: "REQUEST_RESPONSE" } });
    const version = await prisma.interfaceVersion.create({ data: { interfaceId: api.id, version: "1", specFormat: "OPENAPI", spec: "{}", specHash: "h" } });
    await prisma.interfaceField.createMany({
      data: ["Payment.iban", "Refund.iban", "Payment.amount"].map((path) => ({ interfaceVersionId: version.id, interfaceId: api.id, path, name: path.split(".")[1], type: "string" })),
    });
    // More names containing "ledger feed" than the search scores: the exact name must still come first.
    await database().driver.exec(`
      INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, updated_at)
        SELECT gen_random_uuid(), 'ledger-feed-' || g, 'Ledger Feed ' || g, '${system.id}', 'API', 'HTTP', 'REQUEST_RESPONSE', now()
        FROM generate_series(1, 400) g;
      INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, updated_at)
        VALUES (gen_random_uuid(), 'ledger-feed', 'Ledger Feed', '${system.id}', 'API', 'HTTP', 'REQUEST_RESPONSE', now());`);
  }, 120_000);

  it("forgives a typo and links each hit to its page", async () => {
    const { hits } = await globalSearch(systemCtx(), { q: "paymnt", limit: 6 });
    expect(hits.map((h) => `${h.kind}:${h.title}`)).toEqual(expect.arrayContaining(["domain:Payments", "interface:Payments API", "system:Payment Gateway"]));
    expect(hits.find((h) => h.kind === "interface")!.href).toMatch(/^\/catalog\/interfaces\/[0-9a-f-]{36}$/);
  });

  it("finds fields by name, each linked to its interface's fields, and flows by a misspelt word", async () => {
    const { hits } = await globalSearch(systemCtx(), { q: "iban", limit: 6 });
    expect(hits.filter((h) => h.kind === "field").map((h) => `${h.title} in ${h.detail}`).sort()).toEqual(["Payment.iban in Payments API", "Refund.iban in Payments API"]);
    expect(hits.find((h) => h.kind === "field")!.href).toMatch(/^\/catalog\/interfaces\/[0-9a-f-]{36}#fields$/);
    const flows = (await globalSearch(systemCtx(), { q: "ordr service", limit: 6 })).hits.filter((h) => h.kind === "flow");
    expect(flows.map((h) => h.title)).toEqual(["Payments API → Order Service"]);
  });

  it("puts the exact name first when more names contain the text than it scores", async () => {
    const interfaces = (await globalSearch(systemCtx(), { q: "Ledger Feed", limit: 6 })).hits.filter((h) => h.kind === "interface");
    expect(interfaces).toHaveLength(6);
    expect(interfaces[0].title).toBe("Ledger Feed");
  });

  it("finds nothing for unrelated text, and refuses the anonymous", async () => {
    expect((await globalSearch(systemCtx(), { q: "zzzqqq", limit: 6 })).hits).toEqual([]);
    await expect(globalSearch({ actor: null, requestId: "t", via: "session" }, { q: "pay", limit: 6 })).rejects.toThrow(/Sign in/);
  });
});
