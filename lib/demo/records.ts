import { serviceTypeFor, withLeiCheckDigits } from "@/lib/compliance/records/codes";
import type { Prisma } from "@/lib/db/generated/client";

type Tx = Prisma.TransactionClient;

// The demo group's DORA register and GDPR Art. 30 records. Entities, contracts and assessments are what a
// compliance officer would have entered; providers, services and processing activities come from the catalog
// (vendors of SaaS and third-party systems, and the purposes recorded on personal-data flows).
// Identification codes are demo LEIs with valid check digits, NOT the vendors' real LEIs.
const demoLei = (name: string) => withLeiCheckDigits(`9845${name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(14, "0").slice(0, 14)}`);

const BANK = { name: "Interchange Demo Bank AG", lei: demoLei("ICDEMOBANK"), country: "DE" };

type Contract = {
  vendor: string; reference: string; cost: number | null; start: string; end?: string; law: string | null; notice: [number, number] | null;
  functions: string[]; reliance: string; substitutability: string; reason?: string; audit: string | null; exitPlan: boolean | null;
  reintegration: string; impact: string; alternatives: string; alternativeProviders?: string; entity?: "payments";
};

// Deliberate gaps the DORA validation report should name (DEMO_REGISTER_GAPS): Stripe's annual cost, SCHUFA's
// identification code (the provider has none recorded), F4's recovery objectives and the SWIFT service's exit plan.
// Everything else is complete, so the report names these and nothing else (lib/demo/compliance.test.ts).
const CONTRACTS: Contract[] = [
  { vendor: "Adyen N.V.", reference: "ICT-2023-014", cost: 1_850_000, start: "2023-02-01", law: "NL", notice: [180, 365], functions: ["F8"], reliance: "eba_ZZ:x797",
    substitutability: "eba_ZZ:x960", reason: "eba_ZZ:x964", audit: "2025-06-30", exitPlan: true, reintegration: "eba_ZZ:x967", impact: "eba_ZZ:x793", alternatives: "eba_BT:x28", alternativeProviders: "Stripe Payments Europe Ltd.", entity: "payments" },
  { vendor: "Stripe Payments Europe Ltd.", reference: "ICT-2024-031", cost: null, start: "2024-04-15", law: "IE", notice: [90, 180], functions: ["F8"], reliance: "eba_ZZ:x795",
    substitutability: "eba_ZZ:x961", audit: "2025-03-31", exitPlan: true, reintegration: "eba_ZZ:x966", impact: "eba_ZZ:x792", alternatives: "eba_BT:x28", alternativeProviders: "Adyen N.V.", entity: "payments" },
  { vendor: "SWIFT SC", reference: "ICT-2019-002", cost: 420_000, start: "2019-01-01", law: "BE", notice: [365, 365], functions: ["F2"], reliance: "eba_ZZ:x797",
    substitutability: "eba_ZZ:x959", reason: "eba_ZZ:x963", audit: "2025-09-15", exitPlan: null, reintegration: "eba_ZZ:x967", impact: "eba_ZZ:x793", alternatives: "eba_BT:x29" },
  { vendor: "SCHUFA Holding AG", reference: "ICT-2021-007", cost: 260_000, start: "2021-07-01", law: "DE", notice: [90, 90], functions: ["F4"], reliance: "eba_ZZ:x796",
    substitutability: "eba_ZZ:x961", audit: "2024-11-30", exitPlan: true, reintegration: "eba_ZZ:x966", impact: "eba_ZZ:x792", alternatives: "eba_BT:x28", alternativeProviders: "CRIF Bürgel GmbH" },
  { vendor: "Salesforce", reference: "ICT-2022-019", cost: 980_000, start: "2022-10-01", end: "2027-09-30", law: "IE", notice: [90, 90], functions: ["F3"], reliance: "eba_ZZ:x796",
    substitutability: "eba_ZZ:x961", audit: "2025-02-28", exitPlan: true, reintegration: "eba_ZZ:x966", impact: "eba_ZZ:x792", alternatives: "eba_BT:x28" },
  { vendor: "Okta", reference: "ICT-2022-023", cost: 310_000, start: "2022-03-01", law: "IE", notice: [60, 90], functions: ["F5"], reliance: "eba_ZZ:x796",
    substitutability: "eba_ZZ:x961", audit: "2025-05-31", exitPlan: true, reintegration: "eba_ZZ:x966", impact: "eba_ZZ:x793", alternatives: "eba_BT:x28" },
  { vendor: "Adenza", reference: "ICT-2020-011", cost: 540_000, start: "2020-01-01", law: "IE", notice: [180, 180], functions: ["F6"], reliance: "eba_ZZ:x796",
    substitutability: "eba_ZZ:x960", reason: "eba_ZZ:x965", audit: "2025-01-31", exitPlan: true, reintegration: "eba_ZZ:x967", impact: "eba_ZZ:x793", alternatives: "eba_BT:x29" },
  { vendor: "Snowflake", reference: "ICT-2023-027", cost: 720_000, start: "2023-05-01", law: "IE", notice: [90, 90], functions: ["F7"], reliance: "eba_ZZ:x795",
    substitutability: "eba_ZZ:x961", audit: "2025-04-30", exitPlan: true, reintegration: "eba_ZZ:x966", impact: "eba_ZZ:x791", alternatives: "eba_BT:x28", alternativeProviders: "Databricks" },
];

const HQ: Record<string, string> = {
  "Adyen N.V.": "NL", "Stripe Payments Europe Ltd.": "IE", "SWIFT SC": "BE", Salesforce: "US", Okta: "US", Adenza: "US", Snowflake: "US",
};

const FUNCTIONS = [
  { identifier: "F1", name: "Card payments and acquiring", licensedActivity: "eba_TA:x224", criticality: "eba_BT:x28", reason: "Outage stops all card sales in the web shop and app", rto: 2, rpo: 0, impact: "eba_ZZ:x793" },
  { identifier: "F2", name: "SEPA and cross-border credit transfers", licensedActivity: "eba_TA:x222", criticality: "eba_BT:x28", reason: "Customers cannot pay or be paid; settlement deadlines", rto: 4, rpo: 0, impact: "eba_ZZ:x793" },
  { identifier: "F3", name: "Customer relationship management and service", licensedActivity: "eba_TA:x262", criticality: "eba_BT:x29", reason: null, rto: 24, rpo: 4, impact: "eba_ZZ:x792" },
  { identifier: "F4", name: "Consumer lending decisions", licensedActivity: "eba_TA:x163", criticality: "eba_BT:x28", reason: "Loan origination stops without credit reports", rto: null, rpo: null, impact: "eba_ZZ:x792" },
  { identifier: "F5", name: "Workforce identity and access", licensedActivity: "eba_TA:x252", criticality: "eba_BT:x28", reason: "No staff sign-in to any banking system", rto: 4, rpo: 1, impact: "eba_ZZ:x793" },
  { identifier: "F6", name: "Regulatory reporting", licensedActivity: "eba_TA:x250", criticality: "eba_BT:x28", reason: "Statutory COREP/FINREP deadlines", rto: 48, rpo: 24, impact: "eba_ZZ:x793" },
  { identifier: "F7", name: "Analytics and management reporting", licensedActivity: "eba_TA:x260", criticality: "eba_BT:x29", reason: null, rto: 72, rpo: 24, impact: "eba_ZZ:x791" },
  // Functions of the payments subsidiary: B_02.02 pairs a function with the entity using the service, so its contracts need its own.
  { identifier: "F8", name: "Card acquiring (payments subsidiary)", licensedActivity: "eba_TA:x224", criticality: "eba_BT:x28", reason: "Merchant acquiring stops", rto: 2, rpo: 0, impact: "eba_ZZ:x793", entity: "payments" },
  { identifier: "F9", name: "Staff access to payment systems (payments subsidiary)", licensedActivity: "eba_TA:x252", criticality: "eba_BT:x28", reason: "No staff sign-in to payment operations", rto: 4, rpo: 1, impact: "eba_ZZ:x792", entity: "payments" },
];

/** The gaps above, by template and column, as the validation report names them. */
export const DEMO_REGISTER_GAPS = [
  { template: "B_02.01", rowKey: "ICT-2024-031", column: "c0050" },
  { template: "B_05.01", rowKey: "SCHUFA Holding AG", column: "c0010" },
  { template: "B_06.01", rowKey: "F4 Consumer lending decisions", column: "c0080" },
  { template: "B_06.01", rowKey: "F4 Consumer lending decisions", column: "c0090" },
  { template: "B_07.01", rowKey: "ICT-2019-002 / SWIFT Alliance Access", column: "c0080" },
] as const;

// B_99.01: what the demo bank means by the options it uses.
const DEFINITIONS: Record<string, string> = {
  c0010: "A contract for ICT services that stands on its own", c0020: "A framework contract under which call-offs are signed",
  c0030: "A call-off or schedule under an overarching contract", c0040: "Public or internal data whose loss has no customer impact",
  c0050: "Confidential data: customer contact and contract data", c0060: "Restricted data: payment, card, health or identity data",
  c0070: "Up to one day of disruption is tolerable", c0080: "Customer-visible disruption within one day", c0090: "Regulatory breach or customer harm within hours",
  c0100: "No alternative provider exists", c0110: "Migration takes more than 12 months", c0120: "Migration takes 3 to 12 months", c0130: "Migration within 3 months",
  c0140: "The bank can run it in-house within 3 months", c0150: "In-house operation needs new skills or licences", c0160: "In-house operation is not realistic",
  c0170: "Workarounds exist for more than a week", c0180: "Workarounds exist for a few days", c0190: "No workaround; the function stops",
};

/** Which business function an Art. 30 activity belongs to, from the words of its purpose. */
const FUNCTION_BY_PURPOSE: [RegExp, string][] = [
  [/card|payment|refund|acquir/i, "F1"], [/transfer|sepa|debit/i, "F2"], [/lend|loan|credit/i, "F4"], [/regulat|aml|sanction|report/i, "F6"],
  [/analytic|segment|model/i, "F7"], [/customer|support|ticket|service|consent|marketing/i, "F3"],
];

const RETENTION: [RegExp, string][] = [
  [/bookkeeping|invoice|accounting/i, "10 years after the end of the financial year (HGB §257, AO §147)"],
  [/aml|money-laundering|sanction|kyc|identity verif/i, "5 years after the end of the business relationship (AMLD Art. 40)"],
  [/marketing|consent/i, "Until consent is withdrawn; consent records 3 years after withdrawal"],
  [/payment|card|transfer|refund/i, "10 years for booking records; card data per PCI DSS only as tokens"],
];

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Loads the demo register and records of processing; returns counts for the seed summary. */
export async function seedDemoRecords(tx: Tx): Promise<Record<string, number>> {
  const bank = await tx.legalEntity.create({
    data: { ...BANK, entityType: "eba_CT:x12", hierarchy: "eba_RP:x53", competentAuthority: "BaFin", currency: "EUR", totalAssets: 48_200_000_000, maintainsRegister: true,
      integratedOn: date("2025-01-17"), lastUpdatedOn: date("2025-09-30"), registerDefinitions: DEFINITIONS },
  });
  const payments = await tx.legalEntity.create({
    data: { name: "Interchange Demo Payments B.V.", lei: demoLei("ICDEMOPAYMENTS"), country: "NL", entityType: "eba_CT:x300", hierarchy: "eba_RP:x56", parentLei: bank.lei, competentAuthority: "De Nederlandsche Bank", currency: "EUR", totalAssets: 1_350_000_000,
      integratedOn: date("2025-01-17"), lastUpdatedOn: date("2025-06-30") },
  });
  const vienna = await tx.branch.create({ data: { identifier: "ICDB-AT-001", name: "Interchange Demo Bank AG, Zweigniederlassung Wien", country: "AT", entityId: bank.id } });

  // Providers and services from the catalog: one provider per vendor, one service per SaaS or third-party system.
  const vendorSystems = await tx.system.findMany({ where: { kind: { in: ["SAAS", "THIRD_PARTY"] } }, select: { id: true, name: true, kind: true, vendor: true, hostingCountries: true }, orderBy: { name: "asc" } });
  const providerIds = new Map<string, string>();
  const serviceIdsByVendor = new Map<string, string[]>();
  for (const system of vendorSystems) {
    const vendor = system.vendor ?? system.name;
    if (!providerIds.has(vendor)) {
      const contracted = CONTRACTS.some((c) => c.vendor === vendor);
      const code = contracted && vendor !== "SCHUFA Holding AG" ? demoLei(vendor) : null;
      const provider = await tx.ictProvider.create({ data: { name: vendor, vendor, code, country: HQ[vendor] ?? system.hostingCountries[0] ?? null } });
      providerIds.set(vendor, provider.id);
    }
    const service = await tx.ictService.create({
      data: { name: system.name, serviceType: serviceTypeFor(system.kind), providerId: providerIds.get(vendor)!, systems: { create: { systemId: system.id } } },
    });
    serviceIdsByVendor.set(vendor, [...(serviceIdsByVendor.get(vendor) ?? []), service.id]);
  }

  const functionIds = new Map<string, string>();
  for (const f of FUNCTIONS) {
    const created = await tx.businessFunction.create({
      data: { identifier: f.identifier, name: f.name, licensedActivity: f.licensedActivity, entityId: f.entity === "payments" ? payments.id : bank.id, criticality: f.criticality, criticalityReason: f.reason,
        lastAssessmentDate: date("2025-09-30"), rtoHours: f.rto, rpoHours: f.rpo, discontinuingImpact: f.impact },
    });
    functionIds.set(f.identifier, created.id);
  }

  let arrangements = 0;
  for (const c of CONTRACTS) {
    const providerId = providerIds.get(c.vendor);
    if (!providerId) continue;
    const arrangement = await tx.contractualArrangement.create({
      data: { reference: c.reference, entityId: c.entity === "payments" ? payments.id : bank.id, providerId, annualCost: c.cost, startDate: date(c.start), endDate: c.end ? date(c.end) : null,
        governingLawCountry: c.law, noticePeriodEntityDays: c.notice?.[0] ?? null, noticePeriodProviderDays: c.notice?.[1] ?? null,
        // The CRM is also used by the Vienna branch's relationship managers (B_04.01 names the branch).
        branchId: c.vendor === "Salesforce" ? vienna.id : null },
    });
    arrangements++;
    for (const serviceId of serviceIdsByVendor.get(c.vendor) ?? []) {
      await tx.ictService.update({
        where: { id: serviceId },
        data: { arrangementId: arrangement.id, reliance: c.reliance, substitutability: c.substitutability, substitutabilityReason: c.reason ?? null,
          lastAuditDate: c.audit ? date(c.audit) : null, exitPlan: c.exitPlan, reintegration: c.reintegration, discontinuingImpact: c.impact,
          alternativesIdentified: c.alternatives, alternativeProviders: c.alternativeProviders ?? null,
          functions: { create: c.functions.map((f) => ({ functionId: functionIds.get(f)! })) } },
      });
    }
  }

  // An intra-group arrangement: the bank runs workforce identity for its payments subsidiary on its own Okta contract.
  const bankAsProvider = await tx.ictProvider.create({ data: { name: BANK.name, code: BANK.lei, country: BANK.country } });
  const intraGroup = await tx.contractualArrangement.create({
    data: { reference: "IG-2025-001", entityId: payments.id, providerId: bankAsProvider.id, providerEntityId: bank.id, linkedReference: "ICT-2022-023", annualCost: 45_000,
      startDate: date("2025-02-01"), governingLawCountry: "DE", noticePeriodEntityDays: 90, noticePeriodProviderDays: 180 },
  });
  await tx.ictService.create({
    data: { name: "Group workforce identity service", serviceType: "eba_TA:S04", providerId: bankAsProvider.id, arrangementId: intraGroup.id, storesData: true,
      storageCountries: ["DE"], processingCountries: ["DE"], sensitiveness: "eba_ZZ:x793", reliance: "eba_ZZ:x797", substitutability: "eba_ZZ:x961",
      lastAuditDate: date("2025-05-31"), exitPlan: true, reintegration: "eba_ZZ:x966", discontinuingImpact: "eba_ZZ:x792", alternativesIdentified: "eba_BT:x28",
      functions: { create: [{ functionId: functionIds.get("F9")! }] } },
  });
  arrangements++;

  // One Art. 30 record per purpose recorded on personal-data flows, linked to exactly those flows.
  const flows = await tx.flow.findMany({ where: { purpose: { not: null }, NOT: { dataCategories: { isEmpty: true } } }, select: { id: true, purpose: true }, orderBy: { name: "asc" } });
  const byPurpose = new Map<string, string[]>();
  for (const f of flows) byPurpose.set(f.purpose!, [...(byPurpose.get(f.purpose!) ?? []), f.id]);
  for (const [purpose, flowIds] of byPurpose) {
    const fn = FUNCTION_BY_PURPOSE.find(([re]) => re.test(purpose))?.[1];
    await tx.processingActivity.create({
      data: {
        name: purpose, entityId: bank.id, businessFunctionId: fn ? functionIds.get(fn) : null, controllerName: BANK.name,
        controllerContact: "Interchange Demo Bank AG, Hauptstraße 1, 60311 Frankfurt am Main, privacy@interchange.local",
        dpoContact: "Data Protection Officer, dpo@interchange.local", retention: RETENTION.find(([re]) => re.test(purpose))?.[1] ?? null,
        securityControls: ["ENCRYPTION_IN_TRANSIT", "ENCRYPTION_AT_REST", "ACCESS_CONTROL", "MFA", "LOGGING", "BACKUPS"], sourceOfData: "Collected from the data subject or generated by our systems",
        dataSubjectRights: ["ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION", "PORTABILITY", "OBJECTION"],
        dpiaRequired: /profil|analytic|credit|aml|fraud|monitor/i.test(purpose), flows: { create: flowIds.map((flowId) => ({ flowId })) },
      },
    });
  }
  return { legalEntities: 2, branches: 1, ictProviders: providerIds.size + 1, ictServices: vendorSystems.length, contractualArrangements: arrangements, businessFunctions: FUNCTIONS.length, processingActivities: byPurpose.size };
}
