import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { UNCLASSIFIED, type InterfaceSummary } from "./schemas";

export const summaryInclude = {
  system: { select: { id: true, name: true, domain: { select: { id: true, name: true } }, ownerTeam: { select: { id: true, name: true } } } },
  domain: { select: { id: true, name: true } },
  ownerTeam: { select: { id: true, name: true } },
  _count: { select: { flows: true } },
} satisfies Prisma.InterfaceInclude;
export type SummaryRow = Prisma.InterfaceGetPayload<{ include: typeof summaryInclude }>;

/** The highest classification of each interface's contracts and fields (the strictest data it carries). */
export async function classificationsOf(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db().$queryRaw<{ id: string; classification: string }[]>`
    SELECT i.id, coalesce(greatest(
      (SELECT max(dc.classification) FROM data_contract dc WHERE dc.interface_id = i.id),
      (SELECT max(f.classification) FROM interface_field f WHERE f.interface_id = i.id))::text, ${UNCLASSIFIED}) AS classification
    FROM interface i WHERE i.id::text IN (${Prisma.join(ids)})`;
  return new Map(rows.map((r) => [r.id, r.classification]));
}

export function toSummary(row: SummaryRow, classification: string | undefined): InterfaceSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    protocol: row.protocol,
    style: row.style,
    lifecycle: row.lifecycle,
    sunsetDate: row.sunsetDate ? row.sunsetDate.toISOString().slice(0, 10) : null,
    tags: row.tags,
    system: { id: row.system.id, name: row.system.name },
    // An interface's own domain and owner win; otherwise it inherits its system's.
    domain: row.domain ?? row.system.domain,
    ownerTeam: row.ownerTeam ?? row.system.ownerTeam,
    classification: classification && classification !== UNCLASSIFIED ? (classification as InterfaceSummary["classification"]) : null,
    consumers: row._count.flows,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Summaries for the given interfaces, in the given order. */
export async function interfaceSummaries(ids: string[], known?: Map<string, string>): Promise<InterfaceSummary[]> {
  if (ids.length === 0) return [];
  const [rows, classifications] = await Promise.all([
    db().interface.findMany({ where: { id: { in: ids } }, include: summaryInclude }),
    known ?? classificationsOf(ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toSummary(row, classifications.get(id))] : [];
  });
}
