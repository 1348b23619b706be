// The demo estate's contract workflow data, derived from the catalog: every flow consuming an interface with
// an active contract subscribes to it, the personal-data and cross-border flags follow from the interface's
// tags and its flows' transfers, and the Payments API (the producer@ demo user's REST API, consumed by two
// teams with demo users) gets an OpenAPI contract made from its own spec.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import { DEMO_ENTITIES, DEMO_INTERFACES, type DemoEstate } from "./estate";

type Tx = Prisma.TransactionClient;

/** Interfaces whose imported spec becomes an OpenAPI contract (name -> compatibility mode). */
const OPENAPI_CONTRACTS: Record<string, "BACKWARD"> = { "Payments API": "BACKWARD" };

export type DemoContractRows = {
  contracts: Prisma.DataContractCreateManyInput[];
  flags: { id: string; personalData: boolean; crossBorderTransfer: boolean }[];
  subscriptions: Prisma.ContractSubscriptionCreateManyInput[];
};

export function buildDemoContracts(estate: Pick<DemoEstate, "interfaces" | "interfaceVersions" | "flows" | "dataContracts">, now: Date): DemoContractRows {
  const byId = new Map(estate.interfaces.map((i) => [i.id!, i]));
  const flowsOf = (interfaceId: string) => estate.flows.filter((f) => f.interfaceId === interfaceId);
  const personal = (interfaceId: string) => ((byId.get(interfaceId)?.tags as string[] | undefined) ?? []).includes("personal-data");
  const crossBorder = (interfaceId: string) => flowsOf(interfaceId).some((f) => !!f.transferTool || (!!f.sourceCountry && !!f.destinationCountry && f.sourceCountry !== f.destinationCountry));

  const contracts: Prisma.DataContractCreateManyInput[] = [];
  for (const [name, mode] of Object.entries(OPENAPI_CONTRACTS)) {
    const iface = estate.interfaces.find((i) => i.name === name);
    const spec = iface && estate.interfaceVersions.find((v) => v.interfaceId === iface.id);
    if (!iface || !spec) throw new Error(`demo contracts: no interface with a spec named "${name}"`);
    const entity = DEMO_ENTITIES[DEMO_INTERFACES.find((d) => d.name === name)?.entity ?? ""];
    contracts.push({
      id: randomUUID(),
      interfaceId: iface.id!,
      ownerTeamId: iface.ownerTeamId,
      version: "1.0.0",
      status: "ACTIVE",
      compatibilityMode: mode,
      schemaFormat: "OPENAPI",
      schema: spec.spec,
      sla: { latencyP95Ms: 300, latencyP99Ms: 800, deliverySuccessPct: 99.9, availabilityPct: 99.95 },
      errorHandling: { maxRetries: 3, backoff: "exponential", initialBackoffMs: 200, maxBackoffMs: 5_000, idempotencyKey: "Idempotency-Key header", ordering: "none" },
      classification: entity?.classification ?? "CONFIDENTIAL",
      description: iface.description ?? null,
      activatedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  }

  const all = [...estate.dataContracts, ...contracts];
  const flags = all.map((c) => ({ id: c.id!, personalData: personal(c.interfaceId), crossBorderTransfer: crossBorder(c.interfaceId) }));
  const subscriptions = all.flatMap((c) => flowsOf(c.interfaceId).map((f) => ({ id: randomUUID(), contractId: c.id!, flowId: f.id!, createdAt: now })));
  return { contracts, flags, subscriptions };
}

/** Writes the rows inside the seed transaction, after the estate's contracts and flows; returns the subscription count. */
export async function seedDemoContracts(tx: Tx, estate: DemoEstate, now: Date = new Date()): Promise<number> {
  const rows = buildDemoContracts(estate, now);
  await tx.dataContract.createMany({ data: rows.contracts });
  for (const flag of rows.flags) {
    if (flag.personalData || flag.crossBorderTransfer) await tx.dataContract.update({ where: { id: flag.id }, data: { personalData: flag.personalData, crossBorderTransfer: flag.crossBorderTransfer } });
  }
  return (await tx.contractSubscription.createMany({ data: rows.subscriptions })).count;
}
