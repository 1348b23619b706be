import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { COMPLIANCE_GAPS } from "./flow-rules";
import { seedDemoEstate } from "./seed";

// The policy each deliberate gap of the demo story must trip.
const EXPECTED: Record<string, string> = {
  "Customer Profile API|hubspot": "transfer-without-tool",
  "storefront.clickstream.v1|segment": "transfer-without-tool",
  "Zendesk ticket export|support-bpo": "transfer-without-tool",
  "DB2 account replica|databricks": "unencrypted-sensitive",
  "Card Lifecycle Service|online-banking": "unencrypted-sensitive",
  "Loyalty partner campaign export|braze": "personal-without-basis",
  "Recruiting funnel export|snowflake": "personal-without-basis",
};

describe("demo compliance", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoEstate(database.prisma);
  }, 300_000);
  afterAll(() => database.dispose());

  it("shows every deliberate compliance gap as a violation of the right policy", async () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(COMPLIANCE_GAPS.map((g) => `${g.interface}|${g.consumer}`).sort());
    for (const gap of COMPLIANCE_GAPS) {
      const violations = await database.prisma.policyViolation.findMany({
        where: { flow: { interface: { name: gap.interface }, consumerSystem: { slug: gap.consumer } } },
      });
      expect(violations.map((v) => v.policy), gap.finding).toContain(EXPECTED[`${gap.interface}|${gap.consumer}`]);
    }
  });

  it("has no transfer violation beyond the deliberate gaps: every other non-EEA transfer carries its evidence", async () => {
    const transfers = await database.prisma.policyViolation.findMany({
      where: { policy: "transfer-without-tool" },
      include: { flow: { select: { interface: { select: { name: true } }, consumerSystem: { select: { slug: true } } } } },
    });
    const gaps = Object.entries(EXPECTED).filter(([, policy]) => policy === "transfer-without-tool").map(([key]) => key).sort();
    expect(transfers.map((v) => `${v.flow!.interface.name}|${v.flow!.consumerSystem.slug}`).sort()).toEqual(gaps);
  });

  it("ran the suggestion engine over the extracted fields, leaving them for an officer to confirm", async () => {
    const { prisma } = database;
    const suggested = await prisma.fieldClassification.count({ where: { status: "SUGGESTED" } });
    expect(suggested).toBeGreaterThan(50);
    expect(await prisma.fieldClassification.count({ where: { status: { not: "SUGGESTED" } } })).toBe(0);
    const email = await prisma.fieldClassification.findFirst({ where: { rule: "email" } });
    expect(email?.reason).toMatch(/^Rule "email" matched the words "email"/);
    expect(await prisma.system.count({ where: { pciScope: true } })).toBeGreaterThan(0);
  });
});
