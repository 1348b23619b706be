import { randomUUID } from "node:crypto";
import type { Ctx } from "@/lib/auth/can";
import { withLeiCheckDigits } from "@/lib/compliance/records/codes";
import { createRecord } from "@/lib/compliance/records/data";
import type { PrismaClient } from "@/lib/db/generated/client";

export const lei = (seed: string) => withLeiCheckDigits(`9845${seed.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(14, "0").slice(0, 14)}`);

/**
 * A small estate for the export tests: a shop (DE) sends customer data to a US CRM (SaaS, with SCCs) and card
 * data to a card vault, which sends tokens on to a warehouse; two processing activities cover those flows, and the
 * DORA register has one entity, one provider with a contract, one service and one critical function with gaps.
 */
export async function seedExportFixture(prisma: PrismaClient, ctx: Ctx) {
  const tag = randomUUID().slice(0, 6);
  const system = (name: string, kind: "INTERNAL" | "SAAS" | "THIRD_PARTY", hosting: string[], vendor?: string, processing: string[] = []) =>
    prisma.system.create({ data: { slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${tag}`, name: `${name} ${tag}`, kind, vendor, hostingCountries: hosting, processingCountries: processing } });
  const shop = await system("Shop", "INTERNAL", ["DE"]);
  const crm = await system("CRM", "SAAS", ["US"], `Acme CRM Inc. ${tag}`, ["US", "IN"]);
  const vault = await system("Card Vault", "INTERNAL", ["DE"]);
  const warehouse = await system("Warehouse", "THIRD_PARTY", ["NL"], `Logistics BV ${tag}`);
  const iface = (name: string, systemId: string) =>
    prisma.interface.create({ data: { slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${tag}`, name: `${name} ${tag}`, systemId, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE" } });
  const customers = await iface("Customer API", shop.id);
  const cards = await iface("Card API", shop.id);
  const tokens = await iface("Token feed", vault.id);
  const toCrm = await prisma.flow.create({
    data: {
      name: `Customers to CRM ${tag}`, interfaceId: customers.id, consumerSystemId: crm.id, style: "REQUEST_RESPONSE", purpose: "Customer service", lawfulBasis: "Art. 6(1)(b) contract",
      dataCategories: ["contact data"], dataSubjects: ["customers"], sourceCountry: "DE", destinationCountry: "US", transferTool: "SCC", transferDocument: "DPA-7", classification: "CONFIDENTIAL",
    },
  });
  const toVault = await prisma.flow.create({
    data: {
      name: `Cards to vault ${tag}`, interfaceId: cards.id, consumerSystemId: vault.id, style: "REQUEST_RESPONSE", purpose: "Take payment", lawfulBasis: "Art. 6(1)(b) contract",
      dataCategories: ["payment card data"], dataSubjects: ["customers"], sourceCountry: "DE", destinationCountry: "DE", pciElements: ["PAN", "EXPIRY"], classification: "RESTRICTED", encryptedInTransit: false,
    },
  });
  const toWarehouse = await prisma.flow.create({
    data: { name: `Tokens to warehouse ${tag}`, interfaceId: tokens.id, consumerSystemId: warehouse.id, style: "REQUEST_RESPONSE", sourceCountry: "DE", destinationCountry: "NL" },
  });

  const entity = await createRecord(ctx, "entities", {
    lei: lei(`BANK${tag}`), name: `Fixture Bank ${tag}`, country: "DE", entityType: "eba_CT:x12", hierarchy: "eba_RP:x53", competentAuthority: "BaFin", totalAssets: 1000000, maintainsRegister: true,
    integratedOn: "2025-01-17", lastUpdatedOn: "2025-06-30",
  });
  const provider = await createRecord(ctx, "providers", { code: lei(`ACME${tag}`), name: `Acme CRM Inc. ${tag}`, country: "US", vendor: `Acme CRM Inc. ${tag}` });
  // A provider with no identification code: B_05.01 c0010 must show up in the validation report.
  const uncoded = await createRecord(ctx, "providers", { name: `Logistics BV ${tag}`, country: "NL", vendor: `Logistics BV ${tag}` });
  const critical = await createRecord(ctx, "functions", {
    identifier: "F1", name: "Customer service", licensedActivity: "eba_TA:x262", entityId: entity.id, criticality: "eba_BT:x28", lastAssessmentDate: "2025-06-30", rtoHours: 4, discontinuingImpact: "eba_ZZ:x792",
  });
  const contract = await createRecord(ctx, "arrangements", {
    reference: `ICT-${tag}`, entityId: entity.id, providerId: provider.id, annualCost: 120000, startDate: "2024-01-01", governingLawCountry: "IE", noticePeriodEntityDays: 90, noticePeriodProviderDays: 90,
  });
  const logistics = await createRecord(ctx, "arrangements", { reference: `LOG-${tag}`, entityId: entity.id, providerId: uncoded.id, startDate: "2023-01-01" });
  const service = await createRecord(ctx, "services", {
    name: `CRM ${tag}`, serviceType: "eba_TA:S19", providerId: provider.id, arrangementId: contract.id, systemIds: [crm.id], functionIds: [critical.id], reliance: "eba_ZZ:x796",
    substitutability: "eba_ZZ:x961", lastAuditDate: "2025-01-31", exitPlan: true, reintegration: "eba_ZZ:x966", discontinuingImpact: "eba_ZZ:x792", alternativesIdentified: "eba_BT:x28",
  });
  await createRecord(ctx, "services", { name: `Warehouse ${tag}`, serviceType: "eba_TA:S13", providerId: uncoded.id, arrangementId: logistics.id, systemIds: [warehouse.id] });
  const service2 = await createRecord(ctx, "activities", {
    name: `=HYPERLINK("http://evil.example") ${tag}`, entityId: entity.id, controllerContact: "privacy@bank.example", dpoContact: "dpo@bank.example", retention: "6 years", flowIds: [toCrm.id],
  });
  const payments = await createRecord(ctx, "activities", {
    name: `Card payments ${tag}`, entityId: entity.id, securityMeasures: "Tokenisation; TLS 1.3", retention: "10 years", flowIds: [toVault.id], dataSubjects: ["cardholders"],
  });
  return { tag, systems: { shop, crm, vault, warehouse }, flows: { toCrm, toVault, toWarehouse }, records: { entity, provider, uncoded, critical, contract, service, activities: [service2, payments] } };
}
