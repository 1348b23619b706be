import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { Classification, IntegrationStyle, InterfaceKind, Lifecycle, Protocol } from "@/lib/db/generated/enums";

/** A small, fully known estate for catalog integration tests: two teams, two domains, three systems. */
export async function seedCatalogFixture(prisma: PrismaClient) {
  const tag = randomUUID().slice(0, 6);
  const [payTeam, shipTeam] = await Promise.all(
    ["payments", "shipping"].map((name) => prisma.team.create({ data: { slug: `${name}-${tag}`, name: `${name} team ${tag}` } })),
  );
  const [money, logistics] = await Promise.all(
    ["money", "logistics"].map((name, i) =>
      prisma.domain.create({ data: { slug: `${name}-${tag}`, name: `${name} ${tag}`, ownerTeamId: [payTeam, shipTeam][i].id } }),
    ),
  );
  const ledger = await prisma.system.create({ data: { slug: `ledger-${tag}`, name: `Ledger ${tag}`, domainId: money.id, ownerTeamId: payTeam.id } });
  const depot = await prisma.system.create({ data: { slug: `depot-${tag}`, name: `Depot ${tag}`, domainId: logistics.id, ownerTeamId: shipTeam.id } });
  const crm = await prisma.system.create({ data: { slug: `crm-${tag}`, name: `CRM ${tag}` } });

  type Spec = { name: string; system: string; kind: InterfaceKind; protocol: Protocol; style: IntegrationStyle; lifecycle?: Lifecycle; searchText?: string; fieldClass?: Classification };
  const specs: Spec[] = [
    { name: "Payments API", system: ledger.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE", searchText: "Payments API GET /payments/{id} Payment payer iban", fieldClass: "RESTRICTED" },
    { name: "Payment Events", system: ledger.id, kind: "EVENT", protocol: "KAFKA", style: "EVENT", searchText: "Payment Events payments.settled settled PaymentSettled amount" },
    { name: "Refunds API", system: ledger.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE", lifecycle: "DEPRECATED" },
    { name: "Shipment Events", system: depot.id, kind: "EVENT", protocol: "KAFKA", style: "EVENT", fieldClass: "INTERNAL" },
    { name: "Parcel Tracking", system: depot.id, kind: "API", protocol: "GRPC", style: "REQUEST_RESPONSE" },
    { name: "Nightly Manifest", system: depot.id, kind: "FILE", protocol: "SFTP", style: "BATCH" },
    { name: "Customer Sync", system: crm.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE" },
  ];
  const ids: Record<string, string> = {};
  for (const spec of specs) {
    const created = await prisma.interface.create({
      data: {
        slug: `${spec.name.toLowerCase().replaceAll(" ", "-")}-${tag}`,
        name: `${spec.name} ${tag}`,
        systemId: spec.system,
        kind: spec.kind,
        protocol: spec.protocol,
        style: spec.style,
        lifecycle: spec.lifecycle ?? "ACTIVE",
        sunsetDate: spec.lifecycle === "DEPRECATED" ? new Date("2030-01-01") : null,
        searchText: spec.searchText ? `${spec.searchText} ${tag}` : "",
      },
    });
    ids[spec.name] = created.id;
    if (spec.fieldClass) {
      const version = await prisma.interfaceVersion.create({
        data: { interfaceId: created.id, version: "1.0.0", specFormat: "OPENAPI", spec: "openapi: 3.1.0", specHash: randomUUID() },
      });
      const element = await prisma.interfaceElement.create({
        data: { interfaceVersionId: version.id, interfaceId: created.id, kind: "SCHEMA", name: "Payment" },
      });
      await prisma.interfaceField.create({
        data: { interfaceVersionId: version.id, interfaceId: created.id, elementId: element.id, path: "Payment.payer.iban", name: "iban", type: "string", classification: spec.fieldClass },
      });
    }
  }
  await prisma.flow.create({ data: { name: "Ledger to CRM", interfaceId: ids["Refunds API"], consumerSystemId: crm.id, style: "REQUEST_RESPONSE" } });
  await prisma.flow.create({ data: { name: "Payments to depot", interfaceId: ids["Payment Events"], consumerSystemId: depot.id, style: "EVENT" } });
  return { tag, teams: { payTeam, shipTeam }, domains: { money, logistics }, systems: { ledger, depot, crm }, ids };
}
