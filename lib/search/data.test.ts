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
  }, 120_000);

  it("forgives a typo and links each hit to its page", async () => {
    const { hits } = await globalSearch(systemCtx(), { q: "paymnt", limit: 6 });
    expect(hits.map((h) => `${h.kind}:${h.title}`)).toEqual(expect.arrayContaining(["domain:Payments", "interface:Payments API", "system:Payment Gateway"]));
    expect(hits.find((h) => h.kind === "interface")!.href).toMatch(/^\/catalog\/interfaces\/[0-9a-f-]{36}$/);
  });

  it("finds nothing for unrelated text, and refuses the anonymous", async () => {
    expect((await globalSearch(systemCtx(), { q: "zzzqqq", limit: 6 })).hits).toEqual([]);
    await expect(globalSearch({ actor: null, requestId: "t", via: "session" }, { q: "pay", limit: 6 })).rejects.toThrow(/Sign in/);
  });
});
