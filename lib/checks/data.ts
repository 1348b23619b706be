import "server-only";
import semver from "semver";
import { toAppError } from "@/lib/api/problem";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { resolveInterfaceRef } from "@/lib/catalog/interface-ref";
import { proposalStart } from "@/lib/contracts/data";
import { proposeContract } from "@/lib/contracts/workflow";
import { db } from "@/lib/db/client";
import { detectFormat, diffDocuments, type Change, type Mode } from "@/lib/diff";
import { lintText } from "@/lib/governance/data";
import { CheckRequest, type CheckInput, type CheckResult } from "./schemas";

const RELIED_ON = ["ACTIVE", "DEPRECATED"] as const;
const byLevel = { ERR: 0, WARN: 1, INFO: 2 } as const;

/**
 * can-i-deploy: may this document ship as the interface? Yes when the interface has an active contract, the
 * document is compatible with every contract version a consumer subscribed to (under the contract's
 * compatibility mode), and no governance rule reports an error. Anything it cannot judge is a reason for no.
 */
export async function checkDeploy(ctx: Ctx, input: CheckInput): Promise<CheckResult> {
  const request = CheckRequest.parse(input);
  const ref = await resolveInterfaceRef(ctx, request.interface);
  requirePermission(ctx, "contract.read");
  const contracts = await db().dataContract.findMany({
    where: { interfaceId: ref.id },
    select: {
      id: true, version: true, status: true, compatibilityMode: true, schemaFormat: true, schema: true,
      subscriptions: { select: { flow: { select: { consumerSystem: { select: { name: true, ownerTeam: { select: { name: true } } } } } } } },
    },
  });
  contracts.sort((a, b) => (semver.valid(a.version) && semver.valid(b.version) ? semver.compare(a.version, b.version) : a.version.localeCompare(b.version)));
  const active = contracts.filter((c) => c.status === "ACTIVE").at(-1) ?? null;
  const relied = contracts.filter((c) => (RELIED_ON as readonly string[]).includes(c.status) && c.subscriptions.length > 0);
  const reasons: string[] = [];
  const notes: string[] = [];
  const consumers = relied.flatMap((c) =>
    c.subscriptions.map((s) => ({ team: s.flow.consumerSystem.ownerTeam?.name ?? null, system: s.flow.consumerSystem.name, contractVersion: c.version })),
  );
  if (!active) reasons.push(`${ref.name} has no active contract: activate one before shipping`);

  const changes: Change[] = [];
  const mode = (active?.compatibilityMode ?? "BACKWARD").replace("_TRANSITIVE", "") as Mode;
  const compared = relied.length ? relied : active ? [active] : [];
  const format = detectFormat(request.document, request.fileName);
  for (const contract of compared) {
    if (contract.schemaFormat !== format) {
      reasons.push(`Cannot judge compatibility with contract ${contract.version}: it holds a ${contract.schemaFormat} schema and the document is ${format}`);
      continue;
    }
    // A malformed document throws DiffInputError, a VALIDATION error naming the line.
    const result = diffDocuments({ format, previous: contract.schema, next: request.document, mode, previousName: `contract ${contract.version}`, nextName: request.fileName });
    changes.push(...result.changes.map((c) => ({ ...c, breaksVersion: c.level === "INFO" ? undefined : contract.version })));
  }
  changes.sort((a, b) => byLevel[a.level] - byLevel[b.level] || a.path.localeCompare(b.path));
  const breaking = changes.filter((c) => c.level === "ERR");
  if (breaking.length && relied.length) {
    const teams = [...new Set(consumers.map((c) => c.team ?? c.system))].join(", ");
    reasons.push(`${breaking.length} breaking change${breaking.length === 1 ? "" : "s"} under ${mode} for subscribed consumers (${teams}), e.g. ${breaking[0].message}`);
  } else if (breaking.length) {
    notes.push(`${breaking.length} breaking change${breaking.length === 1 ? "" : "s"} against contract ${active?.version}, but no consumer has subscribed to it`);
  } else if (compared.length && !reasons.length) {
    notes.push(`Compatible (${mode}) with ${relied.length ? `the ${relied.length} contract version(s) consumers subscribed to` : `contract ${active?.version}`}`);
  }

  const lint = format === "OPENAPI" || format === "ASYNCAPI" ? await lintText(ctx, { document: request.document, fileName: request.fileName, interface: ref.id }) : null;
  const lintErrors = lint?.findings.filter((f) => f.severity === "ERROR") ?? [];
  for (const f of lintErrors) reasons.push(`Governance rule ${f.rule} at ${f.pointer} (line ${f.line}): ${f.message}`);
  notes.push(...(lint?.notes ?? [`Governance rules judge OpenAPI and AsyncAPI documents; this ${format} document was not linted`]));

  let proposal: CheckResult["proposal"] = null;
  if (request.openProposal && breaking.length && active) {
    proposal = await openProposal(ctx, ref.id, request.document, active.schemaFormat, notes);
  }
  return {
    mayShip: reasons.length === 0,
    reasons,
    notes,
    interface: { id: ref.id, name: ref.name },
    contract: active && { id: active.id, version: active.version, status: active.status, compatibilityMode: active.compatibilityMode },
    consumers,
    changes,
    governance: { passed: lintErrors.length === 0, errors: lintErrors },
    proposal,
  };
}

/** The next major contract version with the document as its schema, submitted for the consumers' approval. */
async function openProposal(ctx: Ctx, interfaceId: string, document: string, schemaFormat: string, notes: string[]): Promise<CheckResult["proposal"]> {
  try {
    const start = await proposalStart(ctx, interfaceId);
    const latest = start.latest?.version;
    const version = latest && semver.valid(latest) ? `${semver.major(latest) + 1}.0.0` : start.content.version;
    const content = { ...start.content, version, schema: document, schemaFormat: schemaFormat as typeof start.content.schemaFormat };
    const created = await proposeContract(ctx, { ...content, changeNote: "Opened by a can-i-deploy check that found breaking changes", interfaceId, submit: true });
    notes.push(`Opened contract proposal ${version} for the consumers to approve`);
    return { id: created.id, version };
  } catch (error) {
    const known = toAppError(error);
    if (!known) throw error;
    notes.push(`Could not open a contract proposal: ${known.message}`);
    return null;
  }
}
