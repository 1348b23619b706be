// Concise, structured answers for agents: the same lib/ functions as the REST API, trimmed to what a model needs.
import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { getInterface } from "@/lib/catalog/interfaces";
import { resolveInterfaceRef } from "@/lib/catalog/interface-ref";
import { searchInterfaces } from "@/lib/catalog/search";
import type { SearchInterfacesInput } from "@/lib/catalog/schemas";
import { getContract } from "@/lib/contracts/data";
import { getFlowHealth, listIncidents } from "@/lib/health/read";
import { lineage } from "@/lib/lineage/graph";
import { impact } from "@/lib/lineage/impact";
import { LineageQuery } from "@/lib/lineage/schemas";

export async function searchAnswer(ctx: Ctx, input: SearchInterfacesInput) {
  const result = await searchInterfaces(ctx, input);
  return {
    total: result.total,
    nextCursor: result.nextCursor,
    items: result.items.map((i) => ({
      id: i.id, name: i.name, kind: i.kind, protocol: i.protocol, lifecycle: i.lifecycle, system: i.system.name,
      domain: i.domain?.name ?? null, ownerTeam: i.ownerTeam?.name ?? null, classification: i.classification, consumers: i.consumers,
    })),
  };
}

export async function describeAnswer(ctx: Ctx, ref: string) {
  const { id } = await resolveInterfaceRef(ctx, ref);
  const detail = await getInterface(ctx, id);
  const governing = detail.contracts.find((c) => c.status === "ACTIVE") ?? detail.contracts.find((c) => c.status === "APPROVED") ?? null;
  const contract = governing ? await getContract(ctx, governing.id) : null;
  const element = (e: (typeof detail.elements.operations)[number]) => ({
    name: e.method && e.path ? `${e.method} ${e.path}` : e.name,
    ...(e.channel ? { channel: e.channel } : {}),
    ...(e.action ? { action: e.action } : {}),
    deprecated: e.deprecated,
    fields: e.fields.map((f) => ({ path: f.path, type: f.type, required: f.required, classification: f.classification })),
  });
  return {
    id: detail.id, name: detail.name, description: detail.description, kind: detail.kind, protocol: detail.protocol, style: detail.style,
    lifecycle: detail.lifecycle, sunsetDate: detail.sunsetDate, system: detail.system.name, domain: detail.domain?.name ?? null,
    ownerTeam: detail.ownerTeam?.name ?? null, classification: detail.classification, latestVersion: detail.versions[0]?.version ?? null,
    operations: detail.elements.operations.map(element),
    channels: detail.elements.channels.map(element),
    messages: detail.elements.messages.map(element),
    contract: contract && {
      id: contract.id, version: contract.version, status: contract.status, compatibilityMode: contract.compatibilityMode,
      classification: contract.classification, personalData: contract.personalData, sla: contract.sla,
    },
    consumers: detail.consumerFlows.map((f) => ({ flowId: f.flowId, flow: f.flowName, system: f.system.name, team: f.team?.name ?? null })),
  };
}

/** Downstream exactly as GET /api/v1/lineage/impact reports it, plus what feeds the interface. */
export async function impactAnswer(ctx: Ctx, ref: string, depth: number) {
  const { id } = await resolveInterfaceRef(ctx, ref);
  const report = await impact(ctx, { interface: id, depth });
  const upstream = await lineage(ctx, LineageQuery.parse({ focus: id, depth, direction: "up" }));
  return {
    interface: report.interface,
    consumers: report.consumers.map((c) => ({ id: c.id, name: c.name, hop: c.hop, ownerTeam: c.ownerTeam?.name ?? null })),
    ownersToAsk: report.teams.map((t) => ({ id: t.id, name: t.name, hop: t.hop })),
    affectedInterfaces: report.interfaces.filter((i) => i.id !== id).map((i) => ({ id: i.id, name: i.name, hop: i.hop, system: i.system.name })),
    contracts: report.contracts.map((c) => ({ id: c.id, interface: c.interface.name, version: c.version, status: c.status, ownerTeam: c.ownerTeam?.name ?? null })),
    upstream: upstream.nodes.filter((n) => n.hop > 0).map((n) => ({ id: n.id, type: n.type, name: n.name, hop: n.hop })),
  };
}

export async function healthAnswer(ctx: Ctx, input: { flowId?: string; interface?: string }) {
  const flowIds = input.flowId
    ? [input.flowId]
    : input.interface
      ? (await getInterface(ctx, (await resolveInterfaceRef(ctx, input.interface)).id)).consumerFlows.map((f) => f.flowId)
      : [];
  const flows = await Promise.all(flowIds.map((id) => getFlowHealth(ctx, id)));
  const incidents = (await Promise.all((flowIds.length ? flowIds : [undefined]).map((flowId) => listIncidents(ctx, { flowId, state: "OPEN", limit: 50 })))).flat();
  return { flows, openIncidents: incidents };
}
