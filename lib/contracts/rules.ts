// Pure rules of the approval workflow: who must approve a proposal, who may decide a request, and what
// still blocks activation. No I/O; data.ts feeds them rows and enforces their answers.
import semver from "semver";
import type { Resource } from "@/lib/auth/can";
import { importLimitsFromEnv } from "@/lib/catalog/import/model";
import { loadSource } from "@/lib/catalog/import/source";
import type { Permission } from "@/lib/auth/permissions";
import type { ContractStatus } from "./schemas";

export type TeamRef = { id: string; name: string };
export type Approver = { key: string; kind: "TEAM" | "COMPLIANCE"; teamId: string | null; label: string };

type Sensitive = { personalData: boolean; crossBorderTransfer: boolean; classification: string; schema: string; schemaFormat: string };

const SENSITIVE_CLASSES = new Set(["CONFIDENTIAL", "RESTRICTED"]);

/** Why compliance must approve this version; empty when it need not. */
export function complianceReasons(contract: Sensitive): string[] {
  const reasons: string[] = [];
  if (contract.personalData) reasons.push("it carries personal data");
  if (SENSITIVE_CLASSES.has(contract.classification)) reasons.push(`it is classified ${contract.classification}`);
  const fields = sensitiveFields(contract.schema, contract.schemaFormat);
  if (fields.length) reasons.push(`fields classified CONFIDENTIAL or RESTRICTED: ${fields.slice(0, 5).join(", ")}${fields.length > 5 ? ", ..." : ""}`);
  if (contract.crossBorderTransfer) reasons.push("it transfers data across borders");
  return reasons;
}

const MAX_SCAN_NODES = 200_000;

/**
 * Schema properties marked `x-classification` (JSON Schema, OpenAPI, AsyncAPI) or `classification` (Avro
 * fields, ODCS) as CONFIDENTIAL or RESTRICTED, by dotted path. Protobuf has no such annotation.
 */
export function sensitiveFields(schema: string, schemaFormat: string): string[] {
  if (schemaFormat === "PROTOBUF") return [];
  let root: unknown;
  try {
    root = loadSource("schema.yaml", schema, importLimitsFromEnv()).values[0];
  } catch {
    return [];
  }
  const found: string[] = [];
  let visited = 0;
  const walk = (node: unknown, path: string[], depth: number) => {
    if (depth > 200 || ++visited > MAX_SCAN_NODES || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const name = item && typeof item === "object" && typeof (item as { name?: unknown }).name === "string" ? (item as { name: string }).name : String(i);
        walk(item, [...path, name], depth + 1);
      });
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if ((key === "x-classification" || key === "classification") && typeof value === "string" && SENSITIVE_CLASSES.has(value.toUpperCase())) {
        found.push(path.filter((p) => p !== "properties" && p !== "fields").join(".") || "(root)");
      } else walk(value, [...path, key], depth + 1);
    }
  };
  walk(root, [], 0);
  return [...new Set(found)];
}

/**
 * One approver per team whose flows consume the interface (never the producer's own team: a producer does
 * not approve its own change), plus compliance when the contract needs it.
 */
export function requiredApprovers(input: { producerTeamId: string | null; consumerTeams: readonly TeamRef[]; compliance: boolean }): Approver[] {
  const teams = new Map<string, TeamRef>();
  for (const team of input.consumerTeams) if (team.id !== input.producerTeamId) teams.set(team.id, team);
  const approvers: Approver[] = [...teams.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((team) => ({ key: `team:${team.id}`, kind: "TEAM", teamId: team.id, label: team.name }));
  if (input.compliance) approvers.push({ key: "compliance", kind: "COMPLIANCE", teamId: null, label: "Compliance" });
  return approvers;
}

export type Decider = { id: string; teamIds: readonly string[] };
/** The caller's rights, as `can(ctx, ...)` answers them: rules never look at roles themselves. */
export type May = (permission: Permission, resource?: Resource) => boolean;
export type RefusalCode = "NOT_IN_REVIEW" | "OWN_CHANGE" | "ALREADY_DECIDED" | "NOT_YOUR_REVIEW";
export type Refusal = { code: RefusalCode; message: string };
export type Request = { kind: "TEAM" | "COMPLIANCE"; teamId: string | null; decision: string; label: string };
export type Proposal = { status: ContractStatus; ownerTeamId: string | null; ownerTeamName?: string; proposedById: string | null };

/**
 * Why `actor` may not decide `request` on `proposal`, or null when they may. Enforced for every role,
 * ADMIN included: members of the producing team and the proposer never decide on their own change.
 */
export function decisionRefusal(actor: Decider, may: May, request: Request, proposal: Proposal): Refusal | null {
  if (proposal.status !== "IN_REVIEW") return { code: "NOT_IN_REVIEW", message: `This version is ${proposal.status.toLowerCase().replace("_", " ")}, not in review` };
  const self = selfRefusal(actor, proposal);
  if (self) return self;
  if (request.decision !== "PENDING") return { code: "ALREADY_DECIDED", message: `${request.label} has already decided` };
  if (ownRequest(may, request)) return null;
  // An admin does not decide for consumer teams or compliance; only break-glass (workflow.ts) overrides this.
  return request.kind === "COMPLIANCE"
    ? { code: "NOT_YOUR_REVIEW", message: "Only a compliance officer can decide the compliance review" }
    : { code: "NOT_YOUR_REVIEW", message: `Only members of ${request.label} can decide its review` };
}

/** Why the actor counts as the producer of this change (its proposer, or a member of the producing team), or null. */
export function selfRefusal(actor: Decider, proposal: Proposal): Refusal | null {
  if (proposal.proposedById === actor.id) return { code: "OWN_CHANGE", message: "You proposed this version; a producer never approves its own change" };
  if (proposal.ownerTeamId && actor.teamIds.includes(proposal.ownerTeamId)) {
    return { code: "OWN_CHANGE", message: `You are a member of ${proposal.ownerTeamName ?? "the producing team"}; a producer never approves its own change` };
  }
  return null;
}

/** The requests the caller may decide: their consuming teams' (contract.decide.team) and compliance's (contract.decide.compliance). */
export function ownRequest(may: May, request: Request): boolean {
  return request.kind === "COMPLIANCE" ? may("contract.decide.compliance") : !!request.teamId && may("contract.decide.team", { consumerTeamIds: [request.teamId] });
}

export type Gate = {
  version: string;
  mode: string;
  breaking: boolean;
  approvals: readonly { label: string; teamId: string | null; decision: string }[];
  /** Highest major version among published earlier versions, or null for the first version. */
  previousMajor: number | null;
  /** Teams whose flows are subscribed to an earlier version. */
  subscribedTeams: readonly TeamRef[];
};

/**
 * Why a version cannot activate; empty when it can. Every required approval must be in. A change that
 * breaks consumers under the contract's mode activates only as a new major version that every subscribed
 * consumer team approved.
 */
export function activationBlockers(gate: Gate): string[] {
  const blockers: string[] = [];
  for (const approval of gate.approvals) {
    if (approval.decision === "PENDING") blockers.push(`Waiting for ${approval.label} to approve`);
    else if (approval.decision !== "APPROVED") blockers.push(`${approval.label} ${approval.decision === "REJECTED" ? "rejected" : "requested changes to"} this version`);
  }
  if (gate.breaking && gate.mode !== "NONE") {
    const major = majorOf(gate.version);
    if (gate.previousMajor === null || major <= gate.previousMajor) {
      const next = gate.previousMajor === null ? major + 1 : gate.previousMajor + 1;
      blockers.push(`Breaking changes under ${gate.mode}: make the change compatible, or publish it as a new major version (${next}.0.0) approved by every subscribed consumer`);
    } else {
      const approved = new Set(gate.approvals.filter((a) => a.decision === "APPROVED" && a.teamId).map((a) => a.teamId));
      const missing = gate.subscribedTeams.filter((t) => !approved.has(t.id));
      if (missing.length) blockers.push(`Breaking major version: every subscribed consumer must approve (missing ${missing.map((t) => t.name).join(", ")})`);
    }
  }
  return blockers;
}

/** Semver order; versions that are not semver (older imports) sort by text after coercion. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [semver.valid(a) ?? semver.coerce(a)?.version, semver.valid(b) ?? semver.coerce(b)?.version];
  if (x && y && semver.compare(x, y) !== 0) return semver.compare(x, y);
  return a.localeCompare(b);
}

/** Orders versions oldest first. */
export function bySemver<T extends { version: string }>(a: T, b: T): number {
  return compareVersions(a.version, b.version);
}

export function majorOf(version: string): number {
  return semver.major(semver.valid(version) ?? semver.coerce(version)?.version ?? "0.0.0");
}
