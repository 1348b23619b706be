import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { resolveInterfaceRef } from "@/lib/catalog/interface-ref";
import { db } from "@/lib/db/client";
import { RULE_CATALOGUE, ruleNamed } from "./catalogue";
import { lintDocumentOffThread } from "@/lib/workers/offload";
import type { RuleSetting } from "./lint";
import type { EstateFacts } from "./portal-rules";
import type { LintInput, LintReport, RuleDto, UpdateRuleSettingInput, VersionGovernance } from "./schemas";
import { LintRequest } from "./schemas";

const LINTABLE_FORMATS = new Set(["OPENAPI", "ASYNCAPI"]);

// Versions whose lint is under way in this process, and interfaces whose import's lint has not finished yet, so
// the interface page can say its rules are still running.
const lintingVersions = new Set<string>();
const pendingInterfaces = new Map<string, number>();
const countPending = (id: string, by: 1 | -1) => {
  const count = (pendingInterfaces.get(id) ?? 0) + by;
  if (count > 0) pendingInterfaces.set(id, count);
  else pendingInterfaces.delete(id);
};

async function settingsOf(domainId: string | null): Promise<Map<string, RuleSetting>> {
  if (!domainId) return new Map();
  const rows = await db().governanceRuleSetting.findMany({ where: { domainId } });
  return new Map(rows.map((r) => [r.rule, { enabled: r.enabled, severity: r.severity }]));
}

type GovernedInterface = { id: string; name: string; domainId: string | null; facts: EstateFacts };

async function governedInterface(interfaceId: string): Promise<GovernedInterface> {
  const row = await db().interface.findUnique({
    where: { id: interfaceId },
    select: {
      id: true,
      name: true,
      domainId: true,
      ownerTeam: { select: { name: true } },
      system: { select: { domainId: true, ownerTeam: { select: { name: true } } } },
      contracts: { where: { status: { in: ["APPROVED", "ACTIVE"] } }, select: { version: true, status: true }, orderBy: { createdAt: "desc" }, take: 1 },
      flows: { where: { purpose: null, OR: [{ dataCategories: { isEmpty: false } }, { dataSubjects: { isEmpty: false } }] }, select: { name: true }, orderBy: { name: "asc" } },
    },
  });
  if (!row) throw notFound("Interface");
  return {
    id: row.id,
    name: row.name,
    domainId: row.domainId ?? row.system.domainId,
    facts: {
      interfaceName: row.name,
      ownerTeam: row.ownerTeam?.name ?? row.system.ownerTeam?.name ?? null,
      governingContract: row.contracts[0] ?? null,
      personalFlowsWithoutPurpose: row.flows.map((f) => f.name),
    },
  };
}

/** Lints one stored version with its domain's settings and stores the result, replacing an earlier run of it. */
export async function lintVersion(ctx: Ctx, versionId: string): Promise<LintReport | null> {
  const version = await db().interfaceVersion.findUnique({ where: { id: versionId }, select: { id: true, interfaceId: true, version: true, spec: true, specFormat: true } });
  if (!version) throw notFound("Interface version");
  if (!LINTABLE_FORMATS.has(version.specFormat)) return null;
  lintingVersions.add(version.id);
  try {
    return await lintAndStore(ctx, version);
  } finally {
    lintingVersions.delete(version.id);
  }
}

async function lintAndStore(ctx: Ctx, version: { id: string; interfaceId: string; version: string; spec: string }): Promise<LintReport> {
  const iface = await governedInterface(version.interfaceId);
  const settings = await settingsOf(iface.domainId);
  // Spectral runs on the worker pool: a large spec's lint never holds the thread that answers requests. A stored
  // version passed the import's limits already, and its lint follows that import, so it does not count against the
  // importer's own parses (their per-user limit would otherwise drop queued lints).
  const report = await lintDocumentOffThread({ ...ctx, via: "system" }, version.spec, `${iface.name} ${version.version}`, { settings, facts: iface.facts, withinLimits: true });
  await db().$transaction(async (tx) => {
    await tx.governanceRun.deleteMany({ where: { interfaceVersionId: version.id } });
    const run = await tx.governanceRun.create({
      data: { interfaceVersionId: version.id, interfaceId: iface.id, errors: report.counts.errors, warnings: report.counts.warnings, infos: report.counts.infos },
    });
    await tx.governanceFinding.createMany({ data: report.findings.map((f) => ({ ...f, runId: run.id })) });
    await recordAudit(tx, ctx, { action: "governance.run", entityType: "interface", entityId: iface.id, after: { version: version.version, ...report.counts } });
  });
  return report;
}

/** Marks interfaces as waiting for their lint (the interface page says so) until the returned release is called. */
export function holdPending(interfaceIds: readonly string[]): () => void {
  const ids = [...new Set(interfaceIds)];
  for (const id of ids) countPending(id, 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const id of ids) countPending(id, -1);
  };
}

/**
 * After an import: lints the latest version of each interface that has no stored run for it yet, and returns
 * one readable line per ERROR finding (rule, JSON pointer, line) for the import's result. `pause` runs before each
 * version's lint (by default it lets waiting requests go first; the import queue also waits out running imports).
 */
export async function lintImported(ctx: Ctx, interfaceIds: readonly string[], pause: () => Promise<unknown> = yieldToEventLoop): Promise<string[]> {
  const ids = [...new Set(interfaceIds)];
  for (const id of ids) countPending(id, 1);
  const lines: string[] = [];
  for (const [index, interfaceId] of ids.entries()) {
    try {
      // Each version's lint holds the thread while it runs; between them, the import's answer and requests go first.
      await pause();
      lines.push(...(await lintLatestUnlinted(ctx, interfaceId)));
    } catch (error) {
      for (const notRun of ids.slice(index + 1)) countPending(notRun, -1);
      throw error;
    } finally {
      countPending(interfaceId, -1);
    }
  }
  return lines;
}

async function lintLatestUnlinted(ctx: Ctx, interfaceId: string): Promise<string[]> {
  const latest = await db().interfaceVersion.findFirst({
    where: { interfaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, interface: { select: { name: true } }, governanceRun: { select: { id: true } } },
  });
  if (!latest || latest.governanceRun) return [];
  const report = await lintVersion(ctx, latest.id);
  return (report?.findings ?? [])
    .filter((f) => f.severity === "ERROR")
    .map((f) => `governance: ${latest.interface.name}: ${f.rule} at ${f.pointer} (line ${f.line}): ${f.message}`);
}

/** The stored governance result of an interface's latest version (or of `versionId`). */
export async function getVersionGovernance(ctx: Ctx, interfaceId: string, versionId?: string): Promise<VersionGovernance> {
  requirePermission(ctx, "catalog.read");
  const version = await db().interfaceVersion.findFirst({
    where: { interfaceId, ...(versionId ? { id: versionId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, version: true, governanceRun: { include: { findings: true } } },
  });
  if (!version) {
    if (versionId || !(await db().interface.findUnique({ where: { id: interfaceId }, select: { id: true } }))) throw notFound(versionId ? "Interface version" : "Interface");
    return { interfaceId, versionId: null, version: null, ranAt: null, report: null, running: false };
  }
  const run = version.governanceRun;
  const findings = (run?.findings ?? [])
    .map(({ rule, severity, message, pointer, line }) => ({ rule, severity, message, pointer, line }))
    .sort((a, b) => a.severity.localeCompare(b.severity) || (a.line ?? 0) - (b.line ?? 0));
  return {
    interfaceId,
    versionId: version.id,
    version: version.version,
    ranAt: run?.ranAt.toISOString() ?? null,
    report: run ? { passed: run.errors === 0, counts: { errors: run.errors, warnings: run.warnings, infos: run.infos }, findings, notes: [] } : null,
    running: lintingVersions.has(version.id) || (!versionId && pendingInterfaces.has(interfaceId)),
  };
}

/** Lints a document that is not (yet) stored, e.g. from `cli lint` or a pipeline, as the interface it names. */
export async function lintText(ctx: Ctx, input: LintInput): Promise<LintReport> {
  requirePermission(ctx, "catalog.read");
  const request = LintRequest.parse(input);
  if (!request.interface) return lintDocumentOffThread(ctx, request.document, request.fileName);
  const ref = await resolveInterfaceRef(ctx, request.interface);
  const iface = await governedInterface(ref.id);
  return lintDocumentOffThread(ctx, request.document, request.fileName, { settings: await settingsOf(iface.domainId), facts: iface.facts });
}

/** Every rule with how it runs in one domain. */
export async function listRules(ctx: Ctx, domainId: string): Promise<RuleDto[]> {
  requirePermission(ctx, "catalog.read");
  if (!(await db().domain.findUnique({ where: { id: domainId }, select: { id: true } }))) throw notFound("Domain");
  const settings = await settingsOf(domainId);
  return RULE_CATALOGUE.map((rule) => {
    const setting = settings.get(rule.code);
    return {
      ...rule,
      enabled: setting?.enabled ?? rule.defaultEnabled,
      severity: setting?.severity ?? rule.defaultSeverity,
      customised: setting !== undefined,
    };
  });
}

/** An admin enables, disables or re-grades one rule in one domain; the domain's interfaces are linted again. */
export async function updateRuleSetting(ctx: Ctx, input: UpdateRuleSettingInput): Promise<RuleDto> {
  requirePermission(ctx, "governance.manage");
  if (!ruleNamed(input.rule)) throw new AppError("VALIDATION", `Unknown rule "${input.rule}"`, { errors: [{ pointer: "/rule", message: "Not a rule of the oas, asyncapi or interchange rulesets" }] });
  if (!(await db().domain.findUnique({ where: { id: input.domainId }, select: { id: true } }))) throw notFound("Domain");
  await db().$transaction(async (tx) => {
    const before = await tx.governanceRuleSetting.findUnique({ where: { domainId_rule: { domainId: input.domainId, rule: input.rule } } });
    const data = { enabled: input.enabled, severity: input.severity };
    await tx.governanceRuleSetting.upsert({ where: { domainId_rule: { domainId: input.domainId, rule: input.rule } }, create: { ...input }, update: data });
    await recordAudit(tx, ctx, {
      action: "governance.rule.update",
      entityType: "domain",
      entityId: input.domainId,
      before: before && { rule: before.rule, enabled: before.enabled, severity: before.severity },
      after: { rule: input.rule, ...data },
    });
  });
  await relintDomain(ctx, input.domainId);
  return (await listRules(ctx, input.domainId)).find((r) => r.code === input.rule)!;
}

async function relintDomain(ctx: Ctx, domainId: string): Promise<void> {
  const interfaces = await db().interface.findMany({
    where: { OR: [{ domainId }, { domainId: null, system: { domainId } }], specFormat: { in: ["OPENAPI", "ASYNCAPI"] } },
    select: { versions: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true } } },
  });
  for (const iface of interfaces) {
    if (!iface.versions[0]) continue;
    await lintVersion(ctx, iface.versions[0].id);
    await yieldToEventLoop();
  }
}

/**
 * Lints the latest version of every interface that has none stored; returns how many it linted. One version at a
 * time, yielding to the event loop between them, so requests are served while a large backlog runs at boot.
 */
export async function lintUnlinted(ctx: Ctx): Promise<number> {
  const interfaces = await db().interface.findMany({
    where: { specFormat: { in: ["OPENAPI", "ASYNCAPI"] }, lifecycle: { not: "RETIRED" } },
    select: { id: true, versions: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true, governanceRun: { select: { id: true } } } } },
  });
  const pending = interfaces.flatMap((i) => (i.versions[0] && !i.versions[0].governanceRun ? [{ interfaceId: i.id, versionId: i.versions[0].id }] : []));
  // Until its turn, each interface's page says its rules are still running (the demo estate at first start).
  const releases = new Map(pending.map((p) => [p.versionId, holdPending([p.interfaceId])]));
  try {
    for (const { versionId } of pending) {
      await lintVersion(ctx, versionId);
      releases.get(versionId)?.();
      await yieldToEventLoop();
    }
  } finally {
    for (const release of releases.values()) release();
  }
  return pending.length;
}
