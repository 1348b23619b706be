import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { evaluateFlow, defaultSettings, POLICY_KEYS, type FlowFacts, type Finding, type PolicyKey, type PolicySettings } from "./policies";
import type { Level } from "./classify";
import { processingLocations, transferEvidence } from "./transfers";

type Tx = Prisma.TransactionClient;

/** Which flows to re-evaluate: all, or those touching the given flows, interfaces or systems. */
export type Scope = "all" | { flowIds?: string[]; interfaceIds?: string[]; systemIds?: string[] };

export async function loadPolicySettings(tx: Tx): Promise<PolicySettings[]> {
  const rows = await tx.compliancePolicy.findMany();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return POLICY_KEYS.map((key) => {
    const row = byKey.get(key);
    if (!row) return defaultSettings(key);
    const params = (row.params ?? {}) as { minLevel?: Level };
    return { key, enabled: row.enabled, severity: row.severity, exemptSystemIds: row.exemptSystemIds, params: { minLevel: params.minLevel } };
  });
}

function whereOf(scope: Scope): Prisma.FlowWhereInput {
  if (scope === "all") return {};
  const or: Prisma.FlowWhereInput[] = [];
  if (scope.flowIds?.length) or.push({ id: { in: scope.flowIds } });
  if (scope.interfaceIds?.length) or.push({ interfaceId: { in: scope.interfaceIds } });
  if (scope.systemIds?.length) or.push({ consumerSystemId: { in: scope.systemIds } }, { interface: { systemId: { in: scope.systemIds } } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

type FieldFacts = { interface_id: string; level: Level | null; personal: string[] | null; special: string[] | null; pci: string[] | null };

/** Confirmed classifications of the latest version's fields, per interface. */
async function fieldFacts(tx: Tx, interfaceIds: string[]): Promise<Map<string, FieldFacts>> {
  if (interfaceIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<FieldFacts[]>`
    WITH latest AS (
      SELECT DISTINCT ON (interface_id) id FROM interface_version
      WHERE interface_id = ANY(${interfaceIds}::uuid[]) ORDER BY interface_id, created_at DESC, id DESC)
    SELECT f.interface_id::text AS interface_id,
      max(f.classification)::text AS level,
      array_agg(DISTINCT fc.personal_category) FILTER (WHERE fc.status = 'CONFIRMED' AND fc.personal_category IS NOT NULL) AS personal,
      array_agg(DISTINCT fc.special_category) FILTER (WHERE fc.status = 'CONFIRMED' AND fc.special_category IS NOT NULL) AS special,
      array_agg(DISTINCT fc.pci_element) FILTER (WHERE fc.status = 'CONFIRMED' AND fc.pci_element IS NOT NULL) AS pci
    FROM interface_field f JOIN latest l ON l.id = f.interface_version_id
    LEFT JOIN field_classification fc ON fc.field_id = f.id
    GROUP BY f.interface_id`;
  return new Map(rows.map((r) => [r.interface_id, r]));
}

/** Everything the policies look at, for the flows in scope. */
export async function loadFlowFacts(tx: Tx, scope: Scope): Promise<FlowFacts[]> {
  const flows = await tx.flow.findMany({
    where: whereOf(scope),
    include: {
      interface: { select: { id: true, ownerTeamId: true, encryptedInTransit: true, system: { select: { id: true, ownerTeamId: true, hostingCountries: true, processingCountries: true } } } },
      consumerSystem: { select: { id: true, name: true, ownerTeamId: true, hostingCountries: true, processingCountries: true, pciScope: true } },
    },
  });
  const fields = await fieldFacts(tx, [...new Set(flows.map((f) => f.interfaceId))]);
  return flows.map((f) => {
    const ff = fields.get(f.interfaceId);
    const consumer = f.consumerSystem;
    return {
      flowId: f.id,
      flowName: f.name,
      interfaceId: f.interfaceId,
      producerSystemId: f.interface.system.id,
      consumerSystemId: consumer.id,
      consumerSystemName: consumer.name,
      producerTeamId: f.interface.ownerTeamId ?? f.interface.system.ownerTeamId,
      consumerTeamId: consumer.ownerTeamId,
      purpose: f.purpose,
      lawfulBasis: f.lawfulBasis,
      dataCategories: f.dataCategories,
      dataSubjects: f.dataSubjects,
      specialCategories: f.specialCategories,
      art9Condition: f.art9Condition,
      sourceCountries: f.sourceCountry ? [f.sourceCountry] : f.interface.system.hostingCountries,
      destinationCountries: processingLocations(f),
      transfer: transferEvidence(f),
      encryptedInTransit: f.encryptedInTransit,
      interfaceEncryptedInTransit: f.interface.encryptedInTransit,
      declaredClassification: f.classification,
      fieldLevel: ff?.level ?? null,
      fieldPersonalCategories: ff?.personal ?? [],
      fieldSpecialCategories: ff?.special ?? [],
      pciElements: [...new Set([...f.pciElements, ...(ff?.pci ?? [])])],
      consumerPciScope: consumer.pciScope,
    };
  });
}

const fingerprint = (f: Pick<Finding, "policy" | "flowId">) => `${f.policy}:${f.flowId}`;

/**
 * Re-evaluates the policies for the flows in scope inside the caller's transaction, so a change and the violations
 * it opens or closes commit together. Unchanged findings keep their row (and when they were first seen).
 */
export async function recomputeViolations(tx: Tx, scope: Scope): Promise<{ flows: number; open: number; opened: number; closed: number }> {
  const facts = await loadFlowFacts(tx, scope);
  // No flow in scope (most imported APIs have none yet): nothing to open, and no violation to close.
  if (scope !== "all" && facts.length === 0) return { flows: 0, open: 0, opened: 0, closed: 0 };
  const settings = await loadPolicySettings(tx);
  const findings = facts.flatMap((f) => evaluateFlow(f, settings));
  const flowIds = facts.map((f) => f.flowId);
  const existing = await tx.policyViolation.findMany({
    where: scope === "all" ? {} : { flowId: { in: flowIds } },
    select: { id: true, fingerprint: true, severity: true, message: true, ownerTeamId: true, systemId: true, interfaceId: true },
  });
  const byPrint = new Map(existing.map((v) => [v.fingerprint, v]));
  const wanted = new Map(findings.map((f) => [fingerprint(f), f]));
  const stale = existing.filter((v) => !wanted.has(v.fingerprint)).map((v) => v.id);
  if (stale.length) await tx.policyViolation.deleteMany({ where: { id: { in: stale } } });
  const fresh: Prisma.PolicyViolationCreateManyInput[] = [];
  for (const [print, f] of wanted) {
    const row = { policy: f.policy, severity: f.severity, flowId: f.flowId, interfaceId: f.interfaceId, systemId: f.systemId, ownerTeamId: f.ownerTeamId, message: f.message, details: f.details as Prisma.InputJsonValue };
    const old = byPrint.get(print);
    if (!old) fresh.push({ ...row, fingerprint: print });
    else if (old.severity !== f.severity || old.message !== f.message || old.ownerTeamId !== f.ownerTeamId || old.systemId !== f.systemId || old.interfaceId !== f.interfaceId) {
      await tx.policyViolation.update({ where: { id: old.id }, data: row });
    }
  }
  if (fresh.length) await tx.policyViolation.createMany({ data: fresh });
  return { flows: facts.length, open: wanted.size, opened: fresh.length, closed: stale.length };
}

export type { PolicyKey };

/** A full re-evaluation in its own transaction: at boot, so policy or rule changes in a release apply at once. */
export async function recomputeAllViolations(prisma: { $transaction: <T>(fn: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }) => Promise<T> }) {
  return prisma.$transaction((tx) => recomputeViolations(tx, "all"), { maxWait: 30_000, timeout: 300_000 });
}
