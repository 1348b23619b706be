import "server-only";
import { can, type Actor } from "@/lib/auth/can";
import type { Prisma } from "@/lib/db/generated/client";
import { diffVersions, type Change, type DiffFormat, type Mode } from "@/lib/diff";
import { activationBlockers, bySemver, compareVersions, majorOf, complianceReasons, decisionRefusal, type TeamRef } from "./rules";
import type { ApprovalDto, ContractDto, ContractStatus, ContractSummary } from "./schemas";
import { ErrorHandling, Sla } from "./schemas";

type Tx = Prisma.TransactionClient;

export const interfaceSelect = {
  id: true,
  name: true,
  slug: true,
  ownerTeamId: true,
  system: { select: { ownerTeamId: true, ownerTeam: { select: { id: true, name: true } } } },
  ownerTeam: { select: { id: true, name: true } },
  flows: {
    orderBy: { name: "asc" },
    select: { id: true, name: true, consumerSystem: { select: { id: true, name: true, ownerTeam: { select: { id: true, name: true } } } } },
  },
} satisfies Prisma.InterfaceSelect;
export type InterfaceRow = Prisma.InterfaceGetPayload<{ select: typeof interfaceSelect }>;

export const contractInclude = {
  interface: { select: interfaceSelect },
  ownerTeam: { select: { id: true, name: true } },
  proposedBy: { select: { id: true, name: true, email: true } },
  approvals: { orderBy: [{ kind: "asc" }, { createdAt: "asc" }], include: { team: { select: { id: true, name: true } }, decidedBy: { select: { id: true, name: true, email: true } } } },
  subscriptions: { select: { flowId: true } },
} satisfies Prisma.DataContractInclude;
export type ContractRow = Prisma.DataContractGetPayload<{ include: typeof contractInclude }>;

/** The team that owns (produces) an interface: its own owner, else its system's. */
export function producerTeam(iface: Pick<InterfaceRow, "ownerTeam" | "system">): TeamRef | null {
  return iface.ownerTeam ?? iface.system.ownerTeam ?? null;
}

/** Teams whose systems consume the interface through a flow. */
export function consumerTeams(iface: Pick<InterfaceRow, "flows">): TeamRef[] {
  const teams = new Map<string, TeamRef>();
  for (const flow of iface.flows) if (flow.consumerSystem.ownerTeam) teams.set(flow.consumerSystem.ownerTeam.id, flow.consumerSystem.ownerTeam);
  return [...teams.values()];
}

const RELIED_ON: readonly ContractStatus[] = ["ACTIVE", "DEPRECATED"];

type Sibling = { id: string; version: string; status: ContractStatus; schemaFormat: string; schema: string; createdAt: Date; subscriptions: { flowId: string }[] };

export async function siblingsOf(tx: Tx, interfaceId: string): Promise<Sibling[]> {
  const rows = await tx.dataContract.findMany({
    where: { interfaceId },
    select: { id: true, version: true, status: true, schemaFormat: true, schema: true, createdAt: true, subscriptions: { select: { flowId: true } } },
  });
  return rows.sort(bySemver);
}

/**
 * Versions consumers have relied on (active or deprecated) older than `version`, oldest first: what a proposal
 * is checked against. An approved version that never activated was never relied on.
 */
export function earlierPublished(siblings: readonly Sibling[], version: string): Sibling[] {
  return siblings.filter((s) => RELIED_ON.includes(s.status) && compareVersions(s.version, version) < 0);
}

/** Runs lib/diff for a proposal against the earlier published versions in the same format. */
export function diffProposal(input: { version: string; schema: string; schemaFormat: string; mode: string }, earlier: readonly Sibling[]): { breaking: boolean; changes: Change[] } {
  const same = earlier.filter((s) => s.schemaFormat === input.schemaFormat);
  if (same.length === 0) return { breaking: false, changes: [] };
  return diffVersions({
    format: input.schemaFormat as DiffFormat,
    mode: input.mode as Mode,
    versions: [...same.map((s) => ({ version: s.version, text: s.schema })), { version: input.version, text: input.schema }],
  });
}

export function gateOf(row: ContractRow, siblings: readonly Sibling[]): string[] {
  const earlier = earlierPublished(siblings, row.version);
  const subscribedFlows = new Set(earlier.flatMap((s) => s.subscriptions.map((x) => x.flowId)));
  const teams = new Map<string, TeamRef>();
  for (const flow of row.interface.flows) {
    const team = flow.consumerSystem.ownerTeam;
    if (subscribedFlows.has(flow.id) && team && team.id !== producerTeam(row.interface)?.id) teams.set(team.id, team);
  }
  return activationBlockers({
    version: row.version,
    mode: row.compatibilityMode,
    breaking: row.breaking,
    approvals: row.approvals.map((a) => ({ label: a.team?.name ?? "Compliance", teamId: a.teamId, decision: a.decision })),
    previousMajor: earlier.length ? Math.max(...earlier.map((s) => majorOf(s.version))) : null,
    subscribedTeams: [...teams.values()],
  });
}

export function toSummary(row: ContractRow): ContractSummary {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    compatibilityMode: row.compatibilityMode,
    schemaFormat: row.schemaFormat,
    classification: row.classification,
    personalData: row.personalData,
    crossBorderTransfer: row.crossBorderTransfer,
    breaking: row.breaking,
    interface: { id: row.interface.id, name: row.interface.name, slug: row.interface.slug },
    ownerTeam: row.ownerTeam,
    pendingApprovals: row.approvals.filter((a) => a.decision === "PENDING").length,
    subscriptions: row.subscriptions.length,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function approvalDto(row: ContractRow, approval: ContractRow["approvals"][number], actor: Actor | null): ApprovalDto {
  const label = approval.team?.name ?? "Compliance";
  const producer = producerTeam(row.interface);
  const canDecide =
    !!actor &&
    decisionRefusal(actor, (p, res) => can({ actor, requestId: "", via: "session" }, p, res), { kind: approval.kind, teamId: approval.teamId, decision: approval.decision, label }, { status: row.status, ownerTeamId: producer?.id ?? null, proposedById: row.proposedById }) === null;
  return {
    id: approval.id,
    kind: approval.kind,
    team: approval.team,
    label,
    decision: approval.decision,
    comment: approval.comment,
    decidedBy: approval.decidedBy,
    decidedAt: approval.decidedAt?.toISOString() ?? null,
    canDecide,
  };
}

/** Loose parsing for rows written before validation existed (demo, imports): unknown keys are dropped. */
function parseJson<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : ({} as T);
}

export function toDto(
  row: ContractRow,
  siblings: readonly Sibling[],
  actor: Actor | null,
  permissions: ContractDto["permissions"],
  canSubscribe: (teamId: string | null) => boolean,
): ContractDto {
  const subscribedVersion = new Map<string, string>();
  for (const sibling of siblings) for (const s of sibling.subscriptions) subscribedVersion.set(s.flowId, sibling.version);
  return {
    ...toSummary(row),
    schema: row.schema,
    sla: parseJson(Sla, row.sla),
    errorHandling: parseJson(ErrorHandling, row.errorHandling),
    description: row.description,
    changeNote: row.changeNote,
    changes: (Array.isArray(row.changes) ? row.changes : []) as Change[],
    sunsetDate: row.sunsetDate?.toISOString().slice(0, 10) ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    proposedBy: row.proposedBy,
    approvals: row.approvals.map((a) => approvalDto(row, a, actor)),
    requiresCompliance: complianceReasons(row).length > 0,
    activationBlockers: row.status === "APPROVED" || row.status === "IN_REVIEW" ? gateOf(row, siblings) : [],
    versions: [...siblings].reverse().map((s) => ({ id: s.id, version: s.version, status: s.status, createdAt: s.createdAt.toISOString() })),
    consumers: row.interface.flows.map((f) => ({
      flowId: f.id,
      flowName: f.name,
      system: { id: f.consumerSystem.id, name: f.consumerSystem.name },
      team: f.consumerSystem.ownerTeam,
      subscribedVersion: subscribedVersion.get(f.id) ?? null,
      canSubscribe: canSubscribe(f.consumerSystem.ownerTeam?.id ?? null),
    })),
    permissions,
  };
}
