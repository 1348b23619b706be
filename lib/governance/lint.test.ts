import { describe, expect, it } from "vitest";
import { ordersPlacedDoc } from "@/lib/testing/event-docs";
import { lintDocument } from "./lint";

const asyncDoc = (classification?: string) => ordersPlacedDoc({ classification: classification ?? null });

const facts = { interfaceName: "orders", ownerTeam: "Orders", governingContract: { version: "1.0.0", status: "ACTIVE" }, personalFlowsWithoutPurpose: [] };

describe("lintDocument", () => {
  it("reports an unclassified event payload with rule, pointer and line, and passes once it is classified", async () => {
    const bad = await lintDocument(asyncDoc(), "orders.yaml", { facts });
    const finding = bad.findings.find((f) => f.rule === "interchange-payload-classification");
    expect(finding).toEqual({
      rule: "interchange-payload-classification", severity: "ERROR", pointer: "/components/messages/OrderPlaced/payload", line: 15,
      message: "Event payload must declare x-classification (one of PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED)",
    });
    expect(bad.passed).toBe(false);
    const good = await lintDocument(asyncDoc("CONFIDENTIAL"), "orders.yaml", { facts });
    expect(good.findings.map((f) => f.rule)).not.toContain("interchange-payload-classification");
    expect(good.findings.filter((f) => f.severity === "ERROR")).toEqual([]);
    expect(good.passed).toBe(true);
  });

  it("obeys an admin's settings: a disabled rule is silent, a raised severity fails the document", async () => {
    const off = await lintDocument(asyncDoc(), "orders.yaml", { facts, settings: new Map([["interchange-payload-classification", { enabled: false, severity: null }]]) });
    expect(off.findings.map((f) => f.rule)).not.toContain("interchange-payload-classification");
    const raised = await lintDocument(asyncDoc("PUBLIC"), "orders.yaml", { facts, settings: new Map([["asyncapi-servers", { enabled: true, severity: "ERROR" as const }]]) });
    expect(raised.findings).toContainEqual(expect.objectContaining({ rule: "asyncapi-servers", severity: "ERROR" }));
    expect(raised.passed).toBe(false);
  });

  it("judges the estate facts of an interface, and says when it could not", async () => {
    const orphan = await lintDocument(asyncDoc("PUBLIC"), "orders.yaml", {
      facts: { ...facts, ownerTeam: null, governingContract: null, personalFlowsWithoutPurpose: ["orders to CRM"] },
    });
    expect(orphan.findings).toContainEqual(expect.objectContaining({ rule: "interchange-personal-data-purpose", message: 'Flow "orders to CRM" carries personal data but states no purpose' }));
    expect(orphan.findings.map((f) => `${f.rule}@${f.pointer}`)).toEqual(
      expect.arrayContaining(["interchange-contract-approved@/info", "interchange-owner@/info", "interchange-personal-data-purpose@/info"]),
    );
    const loose = await lintDocument(asyncDoc("PUBLIC"), "orders.yaml");
    expect(loose.findings.map((f) => f.rule)).not.toContain("interchange-owner");
    expect(loose.notes.join(" ")).toMatch(/Estate rules .* not run/);
  });

  it("keeps each document's structure errors and estate facts its own when one built ruleset lints many", async () => {
    const broken = asyncDoc("PUBLIC").replace("  title: Orders\n", "");
    const [owned, orphan, invalid, valid] = await Promise.all([
      lintDocument(asyncDoc("PUBLIC"), "a.yaml", { facts }),
      lintDocument(asyncDoc("PUBLIC"), "b.yaml", { facts: { ...facts, interfaceName: "billing", ownerTeam: null } }),
      lintDocument(broken, "c.yaml", { facts }),
      lintDocument(asyncDoc("PUBLIC"), "d.yaml", { facts }),
    ]);
    expect(owned.findings.map((f) => f.rule)).not.toContain("interchange-owner");
    expect(orphan.findings).toContainEqual(expect.objectContaining({ rule: "interchange-owner", message: "billing has no owning team" }));
    expect(invalid.findings).toContainEqual(expect.objectContaining({ rule: "asyncapi-schema", severity: "ERROR", pointer: "/info" }));
    expect(valid.findings.map((f) => f.rule)).not.toContain("asyncapi-schema");
    const off = await lintDocument(broken, "c.yaml", { facts, settings: new Map([["asyncapi-schema", { enabled: false, severity: null }]]) });
    expect(off.findings.map((f) => f.rule)).not.toContain("asyncapi-schema");
  });

  it("never fetches an external $ref and rejects an oversize document before parsing", async () => {
    const remote = `openapi: 3.0.3\ninfo: { title: t, version: '1', description: d, contact: { name: x } }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { $ref: 'http://169.254.169.254/latest/meta-data' }\n`;
    const report = await lintDocument(remote, "a.yaml");
    expect(report.findings.some((f) => /169\.254|resolve|ref/i.test(f.message))).toBe(true);
    process.env.IMPORT_MAX_BYTES = "100";
    try {
      await expect(lintDocument(asyncDoc(), "big.yaml")).rejects.toThrow(/big.yaml: .*limit/);
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
    }
  });
});
