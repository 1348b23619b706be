import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { importFiles } from "@/lib/catalog/import/service";
import { listScorecards, scoreTrend, snapshotScores } from "@/lib/scorecards/data";
import { ordersPlacedDoc } from "@/lib/testing/event-docs";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { getVersionGovernance, listRules, updateRuleSetting } from "./data";

const database = setupTestDatabase();
let admin: Ctx;
beforeAll(async () => {
  admin = await actAs(database(), "ADMIN");
  // These tests read the findings in the import's answer: on a loaded machine the rules may outlast the default wait.
  process.env.GOVERNANCE_IMPORT_WAIT_MS = "60000";
});
afterAll(() => {
  delete process.env.GOVERNANCE_IMPORT_WAIT_MS;
});

const RULE_LINE = "governance: Orders: interchange-payload-classification at /components/messages/OrderPlaced/payload (line 15): Event payload must declare x-classification";
const importOrders = async (text: string) => (await importFiles(admin, [{ name: "specs/orders.yaml", content: text }])).results[0];
const interfaceScore = async (id: string) => (await listScorecards(admin, { subject: "INTERFACE" })).find((c) => c.id === id)!;

describe("governance on import", () => {
  let interfaceId: string;

  it("shows an error-level violation with its rule, JSON pointer and line, and stores it with the version", async () => {
    const result = await importOrders(ordersPlacedDoc({ classification: null }));
    expect(result.ok).toBe(true);
    expect(result.warnings?.some((w) => w.startsWith(RULE_LINE))).toBe(true);
    interfaceId = result.interfaces[0].id;
    const stored = await getVersionGovernance(admin, interfaceId);
    expect(stored.report?.passed).toBe(false);
    expect(stored.report?.findings).toContainEqual(expect.objectContaining({ rule: "interchange-payload-classification", severity: "ERROR", pointer: "/components/messages/OrderPlaced/payload", line: 15 }));
  });

  it("raises the scorecard, and adds a point to its trend, once the violation is fixed", async () => {
    const before = await interfaceScore(interfaceId);
    expect(before.gaps[0]).toMatchObject({ part: "contracts" });
    expect(before.gaps.find((g) => g.part === "rules")?.detail).toMatch(/^1 rule error/);
    expect(await snapshotScores()).toBeGreaterThan(0);

    const fixed = await importOrders(ordersPlacedDoc().replace("version: 1.0.0", "version: 1.0.1"));
    expect(fixed.warnings ?? []).not.toContainEqual(expect.stringContaining("interchange-payload-classification"));
    const after = await interfaceScore(interfaceId);
    expect(after.parts.rules).toBeGreaterThan(before.parts.rules!);
    expect(after.score).toBeGreaterThan(before.score!);

    await snapshotScores(new Date(Date.now() + 1000));
    const trend = await scoreTrend(admin, "INTERFACE", interfaceId, 1, new Date(Date.now() + 2000));
    expect(trend.map((p) => p.score)).toEqual([before.score, after.score]);
    expect(await snapshotScores(new Date(Date.now() + 3000))).toBe(0);
  });

  it("lets only admins change a rule per domain, audits it, and lints the domain's interfaces again", async () => {
    const domain = await database().prisma.domain.create({ data: { slug: "sales", name: "Sales" } });
    const iface = await database().prisma.interface.findUniqueOrThrow({ where: { id: interfaceId }, select: { systemId: true } });
    await database().prisma.system.update({ where: { id: iface.systemId }, data: { domainId: domain.id } });
    const member = await actAs(database(), "MEMBER");
    const input = { domainId: domain.id, rule: "asyncapi-servers", enabled: true, severity: "ERROR" as const };
    await expect(updateRuleSetting(member, input)).rejects.toThrow(/governance.manage/);

    const rule = await updateRuleSetting(admin, input);
    expect(rule).toMatchObject({ code: "asyncapi-servers", ruleset: "asyncapi", enabled: true, severity: "ERROR", customised: true });
    const stored = await getVersionGovernance(admin, interfaceId);
    expect(stored.report?.findings).toContainEqual(expect.objectContaining({ rule: "asyncapi-servers", severity: "ERROR" }));
    const audit = await database().prisma.auditEvent.findFirst({ where: { action: "governance.rule.update", entityId: domain.id } });
    expect(audit?.after).toEqual({ rule: "asyncapi-servers", enabled: true, severity: "ERROR" });
    expect((await listRules(member, domain.id)).find((r) => r.code === "asyncapi-servers")?.severity).toBe("ERROR");
  });
});
