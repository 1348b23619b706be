import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildDemoEstate } from "./estate";
import { inEea } from "./flow-rules";

const estate = buildDemoEstate(new Date("2026-11-21T00:00:00Z"));
const byId = <T extends { id?: string }>(rows: T[]) => new Map(rows.map((r) => [r.id as string, r]));
const interfaces = byId(estate.interfaces);
const systems = byId(estate.systems);

/** Every local "$ref" must point at something in the same document, or spec tooling breaks on it. */
function danglingRefs(doc: unknown): string[] {
  const refs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string") refs.push(value);
        else walk(value);
      }
    }
  };
  walk(doc);
  return refs.filter((ref) => {
    let target: unknown = doc;
    for (const part of ref.replace(/^#\//, "").split("/")) target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/")];
    return target === undefined;
  });
}

describe("demo estate data", () => {
  it.each([
    ["HTTP", "API", "REQUEST_RESPONSE", "OPENAPI"],
    ["SOAP", "API", "REQUEST_RESPONSE", "WSDL"],
    ["GRPC", "API", "REQUEST_RESPONSE", "PROTOBUF"],
    ["GRAPHQL", "API", "REQUEST_RESPONSE", "GRAPHQL"],
    ["KAFKA", "EVENT", "EVENT", "ASYNCAPI"],
    ["AMQP", "EVENT", "EVENT", "ASYNCAPI"],
    ["NATS", "EVENT", "EVENT", "ASYNCAPI"],
    ["MQTT", "EVENT", "EVENT", "ASYNCAPI"],
    ["SFTP", "FILE", "BATCH", "CSV"],
    ["JDBC", "DATABASE", "BATCH", "NONE"],
  ])("%s interfaces are %s / %s with %s specs", (protocol, kind, style, specFormat) => {
    const rows = estate.interfaces.filter((i) => i.protocol === protocol);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect({ name: row.name, kind: row.kind, style: row.style, specFormat: row.specFormat }).toEqual({ name: row.name, kind, style, specFormat });
  });

  it("stores an OpenAPI 3.1 document with 2-5 paths for every REST interface", () => {
    const rest = estate.interfaces.filter((i) => i.protocol === "HTTP");
    for (const iface of rest) {
      const version = estate.interfaceVersions.find((v) => v.interfaceId === iface.id);
      expect(version, iface.name).toBeDefined();
      const doc = JSON.parse(version!.spec);
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(2);
      expect(Object.keys(doc.paths).length).toBeLessThanOrEqual(5);
      expect(danglingRefs(doc), iface.name).toEqual([]);
    }
  });

  it("stores an AsyncAPI 3.0 document for every Kafka, AMQP and NATS interface", () => {
    for (const iface of estate.interfaces.filter((i) => ["KAFKA", "AMQP", "NATS"].includes(i.protocol))) {
      const version = estate.interfaceVersions.find((v) => v.interfaceId === iface.id);
      const doc = JSON.parse(version!.spec);
      expect(doc.asyncapi).toBe("3.0.0");
      expect(Object.values(doc.channels).map((c) => (c as { address: string }).address)).toEqual([iface.name]);
      expect(danglingRefs(doc), iface.name).toEqual([]);
    }
  });

  it("uses realistic personal-data field names in the specs", () => {
    const all = estate.interfaceVersions.map((v) => v.spec).join("\n");
    for (const field of ["email", "iban", "dateOfBirth", "cardNumber", "phone"]) expect(all).toContain(`"${field}"`);
  });

  it("records every version as 1.0.0 with the sha256 of its text", () => {
    for (const v of estate.interfaceVersions) {
      expect(v.version).toBe("1.0.0");
      expect(v.specHash).toBe(createHash("sha256").update(v.spec).digest("hex"));
    }
  });

  it("gives deprecated interfaces a sunset date and retires at least one", () => {
    const deprecated = estate.interfaces.filter((i) => i.lifecycle === "DEPRECATED");
    expect(deprecated.length).toBeGreaterThanOrEqual(3);
    for (const i of deprecated) expect(i.sunsetDate, i.name).toBeInstanceOf(Date);
    expect(estate.interfaces.some((i) => i.lifecycle === "RETIRED")).toBe(true);
  });

  it("hosts systems mostly in the EU, with SaaS in the US and some in India and Singapore", () => {
    const countries = estate.systems.flatMap((s) => s.hostingCountries as string[]);
    for (const c of countries) expect(c).toMatch(/^[A-Z]{2}$/);
    expect(countries.filter(inEea).length).toBeGreaterThan(countries.length / 2);
    expect(countries).toEqual(expect.arrayContaining(["US", "IN", "SG"]));
  });

  it("tags flows with the patterns an architect would expect", () => {
    const patterns = new Set(estate.flows.flatMap((f) => f.patterns as string[]));
    expect([...patterns].sort()).toEqual(["ANTI_CORRUPTION_LAYER", "BATCH_ETL", "CQRS", "OUTBOX", "POINT_TO_POINT", "SAGA", "STRANGLER_FIG"]);
    for (const f of estate.flows) {
      const iface = interfaces.get(f.interfaceId)!;
      expect(f.style).toBe(iface.style);
      if (iface.protocol === "SFTP") expect(f.patterns).toContain("BATCH_ETL");
    }
  });

  it("documents personal-data flows, with transfer tools outside the EEA except for a few deliberate gaps", () => {
    const personal = estate.flows.filter((f) => (f.dataCategories as string[]).length > 0);
    expect(personal.length).toBeGreaterThan(100);
    for (const f of personal) {
      expect(f.sourceCountry).toMatch(/^[A-Z]{2}$/);
      expect(f.destinationCountry).toMatch(/^[A-Z]{2}$/);
      expect((f.dataSubjects as string[]).length).toBeGreaterThan(0);
    }
    const exported = personal.filter((f) => !inEea(f.destinationCountry as string));
    const withoutTool = exported.filter((f) => !f.transferTool);
    expect(exported.length - withoutTool.length).toBeGreaterThanOrEqual(8);
    expect(withoutTool.map((f) => f.destinationCountry).sort()).toEqual(["IN", "US", "US"]);
    expect(personal.filter((f) => !f.lawfulBasis).length).toBe(2);
    expect(estate.flows.filter((f) => f.encryptedInTransit === false).length).toBe(2);
  });

  it("puts ACTIVE JSON Schema contracts with an SLA on key event interfaces", () => {
    expect(estate.dataContracts.length).toBeGreaterThanOrEqual(5);
    for (const c of estate.dataContracts) {
      expect(interfaces.get(c.interfaceId)?.kind).toBe("EVENT");
      expect(c).toMatchObject({ status: "ACTIVE", version: "1.0.0", schemaFormat: "JSON_SCHEMA" });
      expect(Object.keys(c.sla as object).sort()).toEqual(["availabilityPct", "deliverySuccessPct", "freshnessMaxLagSeconds", "latencyP95Ms", "latencyP99Ms"]);
      expect(JSON.parse(c.schema).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    }
  });

  it("never lets a system consume its own interface", () => {
    for (const f of estate.flows) expect(interfaces.get(f.interfaceId)?.systemId).not.toBe(f.consumerSystemId);
    expect(estate.flows.every((f) => systems.has(f.consumerSystemId))).toBe(true);
  });

  it("comes out identical on every build apart from row ids", () => {
    const shape = (e: typeof estate) => ({
      interfaces: e.interfaces.map((i) => [i.slug, i.protocol, i.lifecycle, i.tags]),
      specs: e.interfaceVersions.map((v) => v.specHash),
      flows: e.flows.map((f) => [f.name, f.patterns, f.purpose, f.transferTool]),
    });
    expect(shape(buildDemoEstate(new Date("2030-01-01T00:00:00Z")))).toEqual(shape(estate));
  });
});
