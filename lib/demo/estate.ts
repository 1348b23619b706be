import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import type { CompatibilityMode, IntegrationStyle, InterfaceKind, PatternTag, Protocol, SpecFormat } from "@/lib/db/generated/enums";
import { asyncApiDocument } from "./asyncapi";
import { ENTITIES } from "./entities-data";
import { MORE_ENTITIES } from "./entities-data-2";
import { COMPLIANCE_GAPS, flowCompliance, flowPatterns } from "./flow-rules";
import { COMMERCE_INTERFACES } from "./interfaces-commerce";
import { ENTERPRISE_INTERFACES } from "./interfaces-enterprise";
import { MONEY_INTERFACES } from "./interfaces-money";
import { entitySchema, EVENT_ENVELOPE } from "./json-schema";
import { openApiDocument, type SpecInput } from "./openapi";
import { DOMAINS, TEAMS, teamEmail } from "./org-data";
import { csvDocument, graphqlDocument, protoDocument, wsdlDocument } from "./other-specs";
import { SYSTEMS } from "./systems-data";
import type { EntitySeed, InterfaceSeed, SystemSeed } from "./types";

export const DEMO_ENTITIES: Record<string, EntitySeed> = { ...ENTITIES, ...MORE_ENTITIES };
export const DEMO_INTERFACES: InterfaceSeed[] = [...MONEY_INTERFACES, ...COMMERCE_INTERFACES, ...ENTERPRISE_INTERFACES];

type ProtocolShape = { kind: InterfaceKind; style: IntegrationStyle; specFormat: SpecFormat; render?: (input: SpecInput) => string };

const json = (build: (input: SpecInput) => object) => (input: SpecInput) => `${JSON.stringify(build(input), null, 2)}\n`;

// Kind, style and spec format follow from the protocol, so the catalog can never say "Kafka request/response".
// OpenAPI and AsyncAPI are stored as JSON (valid YAML too), which every parser in the project can read.
const SHAPES: Record<Protocol, ProtocolShape> = {
  HTTP: { kind: "API", style: "REQUEST_RESPONSE", specFormat: "OPENAPI", render: json(openApiDocument) },
  GRPC: { kind: "API", style: "REQUEST_RESPONSE", specFormat: "PROTOBUF", render: protoDocument },
  SOAP: { kind: "API", style: "REQUEST_RESPONSE", specFormat: "WSDL", render: wsdlDocument },
  GRAPHQL: { kind: "API", style: "REQUEST_RESPONSE", specFormat: "GRAPHQL", render: graphqlDocument },
  KAFKA: { kind: "EVENT", style: "EVENT", specFormat: "ASYNCAPI", render: json(asyncApiDocument) },
  AMQP: { kind: "EVENT", style: "EVENT", specFormat: "ASYNCAPI", render: json(asyncApiDocument) },
  NATS: { kind: "EVENT", style: "EVENT", specFormat: "ASYNCAPI", render: json(asyncApiDocument) },
  MQTT: { kind: "EVENT", style: "EVENT", specFormat: "ASYNCAPI", render: json(asyncApiDocument) },
  SFTP: { kind: "FILE", style: "BATCH", specFormat: "CSV", render: csvDocument },
  JDBC: { kind: "DATABASE", style: "BATCH", specFormat: "NONE" },
  OTHER: { kind: "API", style: "REQUEST_RESPONSE", specFormat: "NONE" },
};

type SlaTier = "critical" | "standard" | "relaxed";
const SLA: Record<SlaTier, { sla: Prisma.InputJsonObject; compatibility: CompatibilityMode }> = {
  critical: { sla: { freshnessMaxLagSeconds: 30, deliverySuccessPct: 99.95, latencyP95Ms: 200, latencyP99Ms: 500, availabilityPct: 99.95 }, compatibility: "BACKWARD_TRANSITIVE" },
  standard: { sla: { freshnessMaxLagSeconds: 60, deliverySuccessPct: 99.9, latencyP95Ms: 250, latencyP99Ms: 800, availabilityPct: 99.95 }, compatibility: "BACKWARD" },
  relaxed: { sla: { freshnessMaxLagSeconds: 300, deliverySuccessPct: 99.5, latencyP95Ms: 1000, latencyP99Ms: 3000, availabilityPct: 99.9 }, compatibility: "BACKWARD" },
};
const CRITICAL = new Set(["payment.authorised.v1", "order.placed.v1", "account.transaction.booked.v1", "fraud.decision.v1", "inventory.reserved.v1"]);
const RELAXED = new Set(["price.changed.v1", "shipment.dispatched.v1"]);

export type DemoEstate = {
  teamIdBySlug: ReadonlyMap<string, string>;
  teams: Prisma.TeamCreateManyInput[];
  domains: Prisma.DomainCreateManyInput[];
  systems: Prisma.SystemCreateManyInput[];
  interfaces: Prisma.InterfaceCreateManyInput[];
  interfaceVersions: Prisma.InterfaceVersionCreateManyInput[];
  flows: Prisma.FlowCreateManyInput[];
  dataContracts: Prisma.DataContractCreateManyInput[];
};

export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * The whole demo catalog as rows ready for createMany. Pure apart from the row ids: names, flows, specs and
 * their hashes come out the same on every run. Throws on inconsistent seed data (unknown slugs, a system
 * consuming its own interface, duplicate flows) so a bad edit fails the tests rather than the demo.
 */
export function buildDemoEstate(now: Date = new Date()): DemoEstate {
  const stamp = { createdAt: now, updatedAt: now };
  const teamIds = new Map(TEAMS.map((t) => [t.slug, randomUUID()]));
  const domainIds = new Map(DOMAINS.map((d) => [d.slug, randomUUID()]));
  const systemsBySlug = new Map(SYSTEMS.map((s) => [s.slug, s]));
  const systemIds = new Map(SYSTEMS.map((s) => [s.slug, randomUUID()]));
  const need = <T>(map: Map<string, T>, key: string, what: string): T => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`demo estate: unknown ${what} "${key}"`);
    return value;
  };

  const teams = TEAMS.map((t) => ({ id: need(teamIds, t.slug, "team"), slug: t.slug, name: t.name, description: t.description, contactEmail: teamEmail(t.slug), ...stamp }));
  const domains = DOMAINS.map((d) => ({
    id: need(domainIds, d.slug, "domain"), slug: d.slug, name: d.name, description: d.description, ownerTeamId: need(teamIds, d.team, "team"), ...stamp,
  }));
  const systems = SYSTEMS.map((s) => ({
    id: need(systemIds, s.slug, "system"), slug: s.slug, name: s.name, description: s.description, kind: s.kind, vendor: s.vendor ?? null,
    domainId: need(domainIds, s.domain, "domain"), ownerTeamId: need(teamIds, s.team, "team"),
    hostingCountries: s.hosting, processingCountries: s.processing ?? [], ...stamp,
  }));

  const interfaces: Prisma.InterfaceCreateManyInput[] = [];
  const interfaceVersions: Prisma.InterfaceVersionCreateManyInput[] = [];
  const flows: Prisma.FlowCreateManyInput[] = [];
  const dataContracts: Prisma.DataContractCreateManyInput[] = [];
  const slugs = new Set<string>();
  const gaps = new Map(COMPLIANCE_GAPS.map((g) => [`${g.interface}|${g.consumer}`, g]));
  const usedGaps = new Set<string>();

  for (const seed of DEMO_INTERFACES) {
    const slug = slugify(seed.name);
    if (slugs.has(slug)) throw new Error(`demo estate: duplicate interface slug "${slug}"`);
    slugs.add(slug);
    const provider = need(systemsBySlug, seed.system, "system");
    const entity = need(new Map(Object.entries(DEMO_ENTITIES)), seed.entity, "entity");
    const team = TEAMS.find((t) => t.slug === provider.team);
    if (!team) throw new Error(`demo estate: unknown team "${provider.team}"`);
    const ownerTeamId = need(teamIds, provider.team, "team");
    const shape = SHAPES[seed.protocol];
    const id = randomUUID();
    const tags = [...new Set([...(seed.tags ?? []), provider.domain, ...(entity.personal ? ["personal-data"] : [])])];
    interfaces.push({
      id, slug, name: seed.name, description: seed.description, systemId: need(systemIds, provider.slug, "system"), ownerTeamId,
      kind: shape.kind, protocol: seed.protocol, style: shape.style, specFormat: shape.specFormat, lifecycle: seed.lifecycle ?? "ACTIVE",
      sunsetDate: seed.sunset ? new Date(`${seed.sunset}T00:00:00Z`) : null, tags, ...stamp,
    });

    if (shape.render) {
      const spec = shape.render({ iface: seed, slug, entity, system: provider, team: { name: team.name, email: teamEmail(team.slug) } });
      interfaceVersions.push({
        id: randomUUID(), interfaceId: id, version: "1.0.0", specFormat: shape.specFormat, spec,
        specHash: createHash("sha256").update(spec).digest("hex"), createdAt: now,
      });
    }

    const consumers = new Set<string>();
    for (const consumerSeed of seed.consumers) {
      const [consumerSlug, explicit]: [string, PatternTag[]] = typeof consumerSeed === "string" ? [consumerSeed, []] : consumerSeed;
      const consumer = need(systemsBySlug, consumerSlug, "system");
      if (consumerSlug === provider.slug) throw new Error(`demo estate: ${provider.slug} consumes its own interface "${seed.name}"`);
      if (consumers.has(consumerSlug)) throw new Error(`demo estate: duplicate flow "${seed.name}" -> ${consumerSlug}`);
      consumers.add(consumerSlug);
      const gapKey = `${seed.name}|${consumerSlug}`;
      const gap = gaps.get(gapKey);
      if (gap) usedGaps.add(gapKey);
      const compliance = flowCompliance(entity, provider, consumer, shape.style);
      flows.push({
        id: randomUUID(),
        name: `${seed.name} → ${consumer.name}`,
        description: flowDescription(seed, provider, consumer),
        interfaceId: id,
        consumerSystemId: need(systemIds, consumerSlug, "system"),
        style: shape.style,
        patterns: flowPatterns(seed, provider, consumer, explicit),
        origin: "DECLARED",
        ...(gap ? gap.apply(compliance) : compliance),
        ...stamp,
      });
    }

    if (seed.contract) {
      const tier: SlaTier = CRITICAL.has(seed.name) ? "critical" : RELAXED.has(seed.name) ? "relaxed" : "standard";
      const idField = Object.keys(entity.fields)[0];
      const schema = {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: `https://schemas.interchange.local/${slug}/1.0.0.json`,
        title: entity.title,
        description: seed.description,
        ...entitySchema(entity, EVENT_ENVELOPE),
      };
      dataContracts.push({
        id: randomUUID(), interfaceId: id, ownerTeamId, version: "1.0.0", status: "ACTIVE", compatibilityMode: SLA[tier].compatibility,
        schemaFormat: "JSON_SCHEMA", schema: `${JSON.stringify(schema, null, 2)}\n`, sla: SLA[tier].sla,
        errorHandling: {
          maxRetries: 5, backoff: "exponential", initialBackoffMs: 500, maxBackoffMs: 60_000, deadLetterQueue: `${seed.name}.dlq`,
          idempotencyKey: "eventId", ordering: `per ${idField}`,
        },
        classification: entity.classification, ...stamp,
      });
    }
  }

  const unused = COMPLIANCE_GAPS.filter((g) => !usedGaps.has(`${g.interface}|${g.consumer}`));
  if (unused.length > 0) throw new Error(`demo estate: compliance gap without a flow: ${unused.map((g) => g.interface).join(", ")}`);
  return { teamIdBySlug: teamIds, teams, domains, systems, interfaces, interfaceVersions, flows, dataContracts };
}

function flowDescription(seed: InterfaceSeed, provider: SystemSeed, consumer: SystemSeed): string {
  switch (SHAPES[seed.protocol].style) {
    case "EVENT": return `${consumer.name} subscribes to ${seed.name} published by ${provider.name}.`;
    case "BATCH": return seed.protocol === "JDBC"
      ? `${consumer.name} reads ${seed.name} from ${provider.name} over JDBC.`
      : `${consumer.name} picks up ${seed.name} from ${provider.name} over SFTP.`;
    default: return `${consumer.name} calls ${seed.name} on ${provider.name}.`;
  }
}
