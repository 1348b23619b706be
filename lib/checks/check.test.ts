import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Ctx } from "@/lib/auth/can";
import { checkCommand } from "@/lib/cli/commands/check";
import { ordersPlacedDoc } from "@/lib/testing/event-docs";
import { seedEventEstate } from "@/lib/testing/event-estate";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { checkDeploy } from "./data";

const database = setupTestDatabase();
let estate: Awaited<ReturnType<typeof seedEventEstate>>;
let producer: Ctx;
let dir: string;

beforeAll(async () => {
  estate = await seedEventEstate(database().prisma);
  producer = await actAs(database(), "MEMBER", [estate.teams.orders.id]);
  const contract = await database().prisma.dataContract.create({
    data: { interfaceId: estate.ifaces.placed.id, version: "1.0.0", status: "ACTIVE", ownerTeamId: estate.teams.orders.id, schemaFormat: "ASYNCAPI", schema: ordersPlacedDoc(), compatibilityMode: "BACKWARD" },
  });
  await database().prisma.contractSubscription.create({ data: { contractId: contract.id, flowId: estate.flows.billing.id } });
  await database().prisma.flow.update({ where: { id: estate.flows.shipping.id }, data: { purpose: "Shipping the order" } });
  dir = await mkdtemp(path.join(os.tmpdir(), "check-"));
});

afterEach(() => vi.unstubAllGlobals());

/** `npm run cli -- check <file> --interface orders.placed`, with the server's POST /api/v1/checks served by checkDeploy as `ctx`. */
async function cli(ctx: Ctx, text: string, extra: { json?: boolean; openProposal?: boolean } = {}) {
  const file = path.join(dir, `orders-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, text);
  vi.stubGlobal("fetch", async (_url: URL, init: RequestInit) => Response.json(await checkDeploy(ctx, JSON.parse(String(init.body)))));
  let out = "";
  const exitCode = await checkCommand({ url: "http://interchange.test" }, file, { interface: "orders.placed", ...extra }, (t) => (out += t));
  return { exitCode, out };
}

describe("can-i-deploy", () => {
  it("exits 0 for a compatible change to a contract with subscribed consumers", async () => {
    const { exitCode, out } = await cli(producer, ordersPlacedDoc({ extraField: true }));
    expect(out).toMatch(/^✔ may ship: orders.placed \(active contract 1.0.0, BACKWARD\)/);
    expect(out).toContain(`consumers: ${estate.teams.billing.name} on 1.0.0`);
    expect(exitCode).toBe(0);
  });

  it("exits 1 for a breaking change, naming the consumers and the change", async () => {
    const { exitCode, out } = await cli(producer, ordersPlacedDoc({ totalType: "string" }));
    expect(exitCode).toBe(1);
    expect(out).toMatch(/^✘ may not ship/);
    expect(out).toContain(`1 breaking change under BACKWARD for subscribed consumers (${estate.teams.billing.name})`);
    expect(out).toContain("/components/messages/OrderPlaced/payload/properties/total: type changed from number to string");
  });

  it("exits 1 when an error-level governance rule fails, with the rule, pointer and line", async () => {
    const { exitCode, out } = await cli(producer, ordersPlacedDoc({ classification: null, extraField: true }));
    expect(exitCode).toBe(1);
    expect(out).toContain("Governance rule interchange-payload-classification at /components/messages/OrderPlaced/payload (line 15): Event payload must declare x-classification");
  });

  it("opens the breaking change as the next major contract proposal in one step, for the producer only", async () => {
    const consumer = await actAs(database(), "MEMBER", [estate.teams.billing.id]);
    const refused = await checkDeploy(consumer, { interface: "orders.placed", document: ordersPlacedDoc({ totalType: "string" }), openProposal: true });
    expect(refused.proposal).toBeNull();
    expect(refused.notes.join("\n")).toMatch(/Could not open a contract proposal: You lack the permission contract.propose/);

    const { exitCode, out } = await cli(producer, ordersPlacedDoc({ totalType: "string" }), { openProposal: true });
    expect(exitCode).toBe(1);
    const proposal = await database().prisma.dataContract.findFirstOrThrow({ where: { interfaceId: estate.ifaces.placed.id, version: "2.0.0" } });
    expect(proposal.status).toBe("IN_REVIEW");
    expect(proposal.schema).toBe(ordersPlacedDoc({ totalType: "string" }));
    expect(out).toContain(`proposal 2.0.0 opened: /contracts/${proposal.id}`);
  });

  it("says no when there is no active contract to ship against", async () => {
    const result = await checkDeploy(producer, { interface: estate.ifaces.invoice.id, document: ordersPlacedDoc() });
    expect(result.mayShip).toBe(false);
    expect(result.reasons[0]).toBe(`${estate.ifaces.invoice.name} has no active contract: activate one before shipping`);
  });
});
