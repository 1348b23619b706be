import type { PatternTag, TransferTool } from "@/lib/db/generated/enums";
import type { EntitySeed, InterfaceSeed, SystemSeed } from "./types";

const EEA = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
  "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
]);

export function inEea(country: string): boolean {
  return EEA.has(country);
}

// Only the services that take part in the order/payment saga get SAGA; a dashboard reading the same event does not.
const SAGA_PARTICIPANTS = new Set([
  "order-service", "checkout-service", "payment-gateway", "inventory-service", "refund-service", "returns-service", "shipping-service", "wms",
]);
const CQRS_READ_MODELS = new Set(["order-history"]);
const PATTERN_ORDER: PatternTag[] = ["SAGA", "CQRS", "OUTBOX", "STRANGLER_FIG", "ANTI_CORRUPTION_LAYER", "POINT_TO_POINT", "BATCH_ETL"];

export function flowPatterns(iface: InterfaceSeed, provider: SystemSeed, consumer: SystemSeed, explicit: PatternTag[]): PatternTag[] {
  const tags = new Set<PatternTag>([...(iface.patterns ?? []), ...explicit]);
  if (iface.protocol === "SFTP") tags.add("BATCH_ETL");
  if (iface.protocol === "JDBC") {
    tags.add("BATCH_ETL");
    tags.add("POINT_TO_POINT");
  }
  // SOAP calls that bypass the ESB are the point-to-point sprawl architects want to see.
  if (iface.protocol === "SOAP" && provider.slug !== "esb" && consumer.slug !== "esb") tags.add("POINT_TO_POINT");
  // Internal producers publish durable events through a transactional outbox; vendors and the mainframe cannot.
  if ((iface.protocol === "KAFKA" || iface.protocol === "AMQP") && provider.kind === "INTERNAL") tags.add("OUTBOX");
  if (iface.tags?.includes("saga") && SAGA_PARTICIPANTS.has(provider.slug) && SAGA_PARTICIPANTS.has(consumer.slug)) tags.add("SAGA");
  if (CQRS_READ_MODELS.has(consumer.slug) && iface.protocol === "KAFKA") tags.add("CQRS");
  return PATTERN_ORDER.filter((tag) => tags.has(tag));
}

export type FlowCompliance = {
  purpose: string | null;
  lawfulBasis: string | null;
  dataCategories: string[];
  dataSubjects: string[];
  specialCategories: string[];
  sourceCountry: string | null;
  destinationCountry: string | null;
  transferTool: TransferTool | null;
  transferDocument: string | null;
  transferSccModule: string | null;
  transferSignedOn: Date | null;
  transferTia: string | null;
  transferDpfCertification: string | null;
  encryptedInTransit: boolean;
};

const NO_TRANSFER_EVIDENCE = { transferSccModule: null, transferSignedOn: null, transferTia: null, transferDpfCertification: null };

const NO_PERSONAL_DATA: FlowCompliance = {
  purpose: null, lawfulBasis: null, dataCategories: [], dataSubjects: [], specialCategories: [],
  sourceCountry: null, destinationCountry: null, transferTool: null, transferDocument: null, ...NO_TRANSFER_EVIDENCE, encryptedInTransit: true,
};

/**
 * Data collected to perform a customer contract and then reused downstream needs its own purpose and basis
 * (GDPR Art. 6(4)); this is how the consuming domain's use is recorded.
 */
function downstreamUse(consumer: SystemSeed): { purpose: string; lawfulBasis: string } | null {
  if (consumer.domain === "marketing") return { purpose: "Direct marketing to customers who opted in", lawfulBasis: "Art. 6(1)(a) consent" };
  if (consumer.domain === "data-analytics") return { purpose: "Analytics, reporting and model training", lawfulBasis: "Art. 6(1)(f) legitimate interests" };
  if (consumer.slug === "fraud-engine") return { purpose: "Fraud prevention", lawfulBasis: "Art. 6(1)(f) legitimate interests (fraud prevention)" };
  if (consumer.domain === "risk-compliance") return { purpose: "AML/CFT checks and regulatory reporting", lawfulBasis: "Art. 6(1)(c) legal obligation" };
  if (consumer.domain === "finance") return { purpose: "Accounting and statutory bookkeeping", lawfulBasis: "Art. 6(1)(c) legal obligation" };
  return null;
}

export function flowCompliance(entity: EntitySeed, provider: SystemSeed, consumer: SystemSeed, style?: string): FlowCompliance {
  const personal = entity.personal;
  if (!personal) return { ...NO_PERSONAL_DATA };
  const reuse = personal.lawfulBasis.startsWith("Art. 6(1)(b)") ? downstreamUse(consumer) : null;
  const destination = consumer.hosting[0];
  // A transfer wherever the receiving system hosts or processes outside the EEA, whatever the flow's destination says.
  const outside = (s: SystemSeed) => ![...s.hosting, ...(s.processing ?? [])].every(inEea);
  // Request/response: the consumer's requests carry its data to the producer (lib/compliance/transfers.ts).
  const transfer = outside(consumer) ? (consumer.transfer ?? null) : style === "REQUEST_RESPONSE" && outside(provider) ? (provider.transfer ?? null) : null;
  return {
    purpose: reuse?.purpose ?? personal.purpose,
    lawfulBasis: reuse?.lawfulBasis ?? personal.lawfulBasis,
    dataCategories: [...personal.categories],
    dataSubjects: [...personal.subjects],
    specialCategories: [...(personal.special ?? [])],
    sourceCountry: provider.hosting[0],
    destinationCountry: destination,
    transferTool: transfer?.tool ?? null,
    transferDocument: transfer?.document ?? null,
    transferSccModule: transfer?.sccModule ?? null,
    transferSignedOn: transfer?.signedOn ? new Date(`${transfer.signedOn}T00:00:00Z`) : null,
    transferTia: transfer?.tia ?? null,
    transferDpfCertification: transfer?.dpfCertification ?? null,
    encryptedInTransit: true,
  };
}

export type ComplianceGap = {
  interface: string;
  consumer: string;
  /** Why the gap exists in the demo story; not stored, it documents the finding a compliance check should make. */
  finding: string;
  apply: (flow: FlowCompliance) => FlowCompliance;
};

/** Deliberate holes so that compliance features have real findings in the demo. */
export const COMPLIANCE_GAPS: ComplianceGap[] = [
  { interface: "Customer Profile API", consumer: "hubspot", finding: "Personal data to the US without a transfer tool",
    apply: (f) => ({ ...f, transferTool: null, transferDocument: null, ...NO_TRANSFER_EVIDENCE }) },
  { interface: "storefront.clickstream.v1", consumer: "segment", finding: "Behavioural data to the US without a transfer tool",
    apply: (f) => ({ ...f, transferTool: null, transferDocument: null, ...NO_TRANSFER_EVIDENCE }) },
  { interface: "Zendesk ticket export", consumer: "support-bpo", finding: "Ticket contents to India without SCCs on file for this export",
    apply: (f) => ({ ...f, transferTool: null, transferDocument: null, ...NO_TRANSFER_EVIDENCE }) },
  { interface: "DB2 account replica", consumer: "databricks", finding: "Account data read over an unencrypted DB2 connection",
    apply: (f) => ({ ...f, encryptedInTransit: false }) },
  { interface: "Card Lifecycle Service", consumer: "online-banking", finding: "Restricted card data (PAN) over plain HTTP inside the data centre",
    apply: (f) => ({ ...f, encryptedInTransit: false }) },
  { interface: "Loyalty partner campaign export", consumer: "braze", finding: "No purpose and no lawful basis recorded",
    apply: (f) => ({ ...f, purpose: null, lawfulBasis: null }) },
  { interface: "Recruiting funnel export", consumer: "snowflake", finding: "Special-category data without a recorded lawful basis",
    apply: (f) => ({ ...f, lawfulBasis: null }) },
];
