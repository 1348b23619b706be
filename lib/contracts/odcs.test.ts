import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/catalog/import/model";
import { fromOdcsYaml, toOdcsYaml } from "./odcs";
import { ContractContent } from "./schemas";

const content = ContractContent.parse({
  version: "1.2.0",
  compatibilityMode: "FULL_TRANSITIVE",
  schemaFormat: "JSON_SCHEMA",
  schema: '{\n  "type": "object",\n  "properties": { "paymentId": { "type": "string" } }\n}\n',
  sla: { freshnessMaxLagSeconds: 30, deliverySuccessPct: 99.95, latencyP95Ms: 200, latencyP99Ms: 500, volumePerMinute: { min: 10, max: 5000 }, availabilityPct: 99.9 },
  errorHandling: { maxRetries: 5, backoff: "exponential", initialBackoffMs: 500, maxBackoffMs: 60000, deadLetterQueue: "payments.dlq", idempotencyKey: "eventId", ordering: "per paymentId" },
  classification: "CONFIDENTIAL",
  personalData: true,
  crossBorderTransfer: false,
  description: "Authorised payments",
  changeNote: "Adds the acquirer reference",
});

describe("ODCS v3 export and import", () => {
  it("round-trips every field of a contract version", () => {
    const yaml = toOdcsYaml({ ...content, interface: { slug: "payment-authorised-v1", name: "payment.authorised.v1" }, ownerTeam: { name: "Payments Platform" }, status: "IN_REVIEW" });
    expect(yaml).toContain("apiVersion: v3.0.2");
    expect(yaml).toContain("kind: DataContract");
    expect(yaml).toContain("status: proposed");
    expect(fromOdcsYaml(yaml)).toEqual(content);
  });

  it("names the line and pointer of a bad value", () => {
    const yaml = toOdcsYaml({ ...content, interface: { slug: "x", name: "x" }, status: "DRAFT" }).replace("value: FULL_TRANSITIVE", "value: SIDEWAYS");
    try {
      fromOdcsYaml(yaml);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      const [problem] = (error as ImportError).problems;
      expect(problem.pointer).toBe("/customProperties/0/value");
      expect(problem.message).toMatch(/^compatibilityMode: /);
      expect(yaml.split("\n")[problem.line! - 1]).toContain("SIDEWAYS");
    }
  });

  it("refuses a document that is not ODCS v3 and an SLA that contradicts itself", () => {
    expect(() => fromOdcsYaml("apiVersion: v2.2.0\nkind: DataContract\nid: a\nversion: 1.0.0\nstatus: draft\n")).toThrow(ImportError);
    const yaml = toOdcsYaml({ ...content, interface: { slug: "x", name: "x" }, status: "DRAFT" }).replace("value: 200", "value: 900");
    expect(() => fromOdcsYaml(yaml)).toThrow(/latencyP95Ms must not exceed latencyP99Ms/);
  });
});
