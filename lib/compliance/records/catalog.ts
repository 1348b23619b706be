import "server-only";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { processingLocations, transferEvidence } from "@/lib/compliance/transfers";
import { highestLevel, type FlowFacts, type Level, type SystemFacts } from "./derive";

type Client = PrismaClient | Prisma.TransactionClient;

const systemSelect = { id: true, name: true, kind: true, vendor: true, hostingCountries: true, processingCountries: true } as const;

export const flowFactsSelect = {
  id: true,
  name: true,
  purpose: true,
  lawfulBasis: true,
  dataCategories: true,
  dataSubjects: true,
  specialCategories: true,
  sourceCountry: true,
  destinationCountry: true,
  transferTool: true,
  transferDocument: true,
  transferSccModule: true,
  transferSignedOn: true,
  transferDerogation: true,
  transferTia: true,
  transferDpfCertification: true,
  style: true,
  encryptedInTransit: true,
  classification: true,
  consumerSystem: { select: systemSelect },
  interface: {
    select: {
      name: true,
      system: { select: systemSelect },
      contracts: { select: { classification: true } },
      fields: { where: { classification: { not: null } }, select: { classification: true } },
    },
  },
} satisfies Prisma.FlowSelect;

type FlowRow = Prisma.FlowGetPayload<{ select: typeof flowFactsSelect }>;

export function toFlowFacts(row: FlowRow): FlowFacts {
  const levels: (Level | null)[] = [
    row.classification,
    ...row.interface.contracts.map((c) => c.classification),
    ...row.interface.fields.map((f) => f.classification),
  ];
  return {
    id: row.id,
    name: row.name,
    source: { id: row.interface.system.id, name: row.interface.system.name, kind: row.interface.system.kind, vendor: row.interface.system.vendor },
    destination: { id: row.consumerSystem.id, name: row.consumerSystem.name, kind: row.consumerSystem.kind, vendor: row.consumerSystem.vendor },
    interfaceName: row.interface.name,
    purpose: row.purpose,
    lawfulBasis: row.lawfulBasis,
    dataCategories: row.dataCategories,
    dataSubjects: row.dataSubjects,
    specialCategories: row.specialCategories,
    sourceCountry: row.sourceCountry,
    destinationCountry: row.destinationCountry,
    transferTool: row.transferTool,
    transferDocument: row.transferDocument,
    processingCountries: processingLocations({ ...row, consumerSystem: row.consumerSystem, interface: row.interface }),
    transfer: transferEvidence(row),
    encryptedInTransit: row.encryptedInTransit,
    classification: highestLevel(levels),
  };
}

export async function loadFlowFacts(client: Client, where: Prisma.FlowWhereInput = {}): Promise<FlowFacts[]> {
  const rows = await client.flow.findMany({ where, select: flowFactsSelect, orderBy: { name: "asc" } });
  return rows.map(toFlowFacts);
}

export async function loadSystemFacts(client: Client, where: Prisma.SystemWhereInput = {}): Promise<SystemFacts[]> {
  return client.system.findMany({
    where,
    select: { id: true, name: true, kind: true, vendor: true, hostingCountries: true, processingCountries: true },
    orderBy: { name: "asc" },
  });
}
