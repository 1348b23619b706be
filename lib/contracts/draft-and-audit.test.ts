import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { contractAudit, getContract } from "./data";
import { UpdateDraftInput } from "./schemas";
import { decide, proposeContract, updateDraft } from "./workflow";

const database = setupTestDatabase();

describe("editing a draft and reading its history", () => {
  let producer: Ctx, consumer: Ctx;
  let interfaceId = "";
  let auditedInterfaceId = "";

  beforeAll(async () => {
    const prisma = database().prisma;
    const tag = randomUUID().slice(0, 6);
    const producerTeam = await prisma.team.create({ data: { slug: `da-producer-${tag}`, name: `DA producer ${tag}` } });
    const consumerTeam = await prisma.team.create({ data: { slug: `da-consumer-${tag}`, name: `DA consumer ${tag}` } });
    const gateway = await prisma.system.create({ data: { slug: `da-gw-${tag}`, name: `DA gateway ${tag}`, ownerTeamId: producerTeam.id } });
    const app = await prisma.system.create({ data: { slug: `da-app-${tag}`, name: `DA app ${tag}`, ownerTeamId: consumerTeam.id } });
    const consumed = async (name: string) => {
      const iface = await prisma.interface.create({ data: { slug: `da-${name}-${tag}`, name: `da.${name} ${tag}`, systemId: gateway.id, ownerTeamId: producerTeam.id, kind: "EVENT", protocol: "KAFKA", style: "EVENT" } });
      await prisma.flow.create({ data: { name: `da ${name} flow ${tag}`, interfaceId: iface.id, consumerSystemId: app.id, style: "EVENT" } });
      return iface.id;
    };
    interfaceId = await consumed("drafts");
    auditedInterfaceId = await consumed("audited");
    producer = await actAs(database(), "MEMBER", [producerTeam.id]);
    consumer = await actAs(database(), "MEMBER", [consumerTeam.id]);
  });

  it("changes only the fields a PATCH sends: personal data and the rest survive a description edit", async () => {
    const content = {
      version: "1.0.0",
      schemaFormat: "JSON_SCHEMA" as const,
      schema: '{"type":"object"}',
      compatibilityMode: "FULL" as const,
      sla: { freshnessMaxLagSeconds: 30, availabilityPct: 99.9 },
      errorHandling: { maxRetries: 3, deadLetterQueue: "payments.dlq" },
      classification: "RESTRICTED" as const,
      personalData: true,
      crossBorderTransfer: true,
    };
    const { id } = await proposeContract(producer, { interfaceId, ...content, submit: false });
    expect(UpdateDraftInput.parse({ description: "Card payments" })).toEqual({ description: "Card payments" });
    await updateDraft(producer, id, UpdateDraftInput.parse({ description: "Card payments" }));
    const edited = await getContract(producer, id);
    expect(edited).toMatchObject({ ...content, description: "Card payments", requiresCompliance: true });
  });

  it("shows every reader who did what by name, without e-mail addresses or full payloads", async () => {
    const { id } = await proposeContract(producer, {
      interfaceId: auditedInterfaceId, version: "1.1.0", schemaFormat: "JSON_SCHEMA", schema: '{"type":"object"}', compatibilityMode: "BACKWARD",
      sla: { latencyP95Ms: 200 }, errorHandling: {}, classification: "INTERNAL", personalData: false, crossBorderTransfer: false, submit: true,
    });
    await decide(consumer, id, { decision: "REQUEST_CHANGES", comment: "Add currency" });
    const { items: events } = await contractAudit(consumer, id);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["contract.propose", "contract.submit", "contract.request_changes"]));
    for (const e of events) {
      expect(e).not.toHaveProperty("actorEmail");
      expect(Object.keys(e.after).every((k) => ["version", "status", "decision", "comment", "approver", "flow"].includes(k))).toBe(true);
    }
    expect(JSON.stringify(events)).not.toContain("@test.local");
    expect(JSON.stringify(events)).not.toContain("latencyP95Ms");
    expect(events[0]).toMatchObject({ actor: "Test MEMBER", after: { version: "1.1.0" } });
    expect(events.find((e) => e.after.decision)).toMatchObject({ actor: "Test MEMBER", after: { comment: "Add currency" } });
  });

  it("pages the audit trail with a cursor instead of silently cutting the newest events", async () => {
    // The version the previous test proposed and sent back: propose, submit, request changes at least.
    const { id } = await database().prisma.dataContract.findFirstOrThrow({ where: { interfaceId: auditedInterfaceId, version: "1.1.0" } });
    const all = (await contractAudit(consumer, id)).items;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await contractAudit(consumer, id, { cursor, limit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(all.length / 2));
    // Every event once, in order, the newest included.
    expect(seen).toEqual(all.map((e) => e.seq));
  });
});
