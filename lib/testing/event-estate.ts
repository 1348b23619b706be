import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/db/generated/client";

/**
 * A small event estate for MCP and check tests: the orders team's "orders.placed" event feeds Billing (team
 * billing) and Shipping (team shipping); Billing's "invoice.issued" feeds Ledger (team finance). The flow to
 * Shipping carries personal data and has a violation owned by the orders team.
 */
export async function seedEventEstate(prisma: PrismaClient) {
  const tag = randomUUID().slice(0, 6);
  const team = (slug: string) => prisma.team.create({ data: { slug: `${slug}-${tag}`, name: `${slug} ${tag}` } });
  const teams = { orders: await team("orders"), billing: await team("billing"), shipping: await team("shipping"), finance: await team("finance") };
  const domain = await prisma.domain.create({ data: { slug: `commerce-${tag}`, name: `Commerce ${tag}`, ownerTeamId: teams.orders.id } });
  const system = (name: string, ownerTeamId: string) => prisma.system.create({ data: { slug: `${name}-${tag}`, name: `${name} ${tag}`, ownerTeamId, domainId: domain.id } });
  const systems = { orders: await system("orders", teams.orders.id), billing: await system("billing", teams.billing.id), shipping: await system("shipping", teams.shipping.id), ledger: await system("ledger", teams.finance.id) };
  const event = (name: string, systemId: string) =>
    prisma.interface.create({ data: { slug: `${name}-${tag}`, name: name === "orders.placed" ? name : `${name} ${tag}`, systemId, kind: "EVENT", protocol: "KAFKA", style: "EVENT", specFormat: "ASYNCAPI" } });
  const ifaces = { placed: await event("orders.placed", systems.orders.id), invoice: await event("invoice.issued", systems.billing.id) };
  const flow = (name: string, interfaceId: string, consumerSystemId: string, personal = false) =>
    prisma.flow.create({ data: { name: `${name} ${tag}`, interfaceId, consumerSystemId, style: "EVENT", ...(personal ? { dataCategories: ["contact details"] } : {}) } });
  const flows = {
    billing: await flow("orders to billing", ifaces.placed.id, systems.billing.id),
    shipping: await flow("orders to shipping", ifaces.placed.id, systems.shipping.id, true),
    ledger: await flow("invoices to ledger", ifaces.invoice.id, systems.ledger.id),
  };
  const violation = await prisma.policyViolation.create({
    data: { policy: "personal-data-purpose", severity: "HIGH", fingerprint: `fp-${tag}`, flowId: flows.shipping.id, ownerTeamId: teams.orders.id, message: "Personal data without a purpose" },
  });
  return { tag, teams, domain, systems, ifaces, flows, violation };
}
