import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { ContractStatus, Lifecycle } from "@/lib/db/generated/enums";

/**
 * A small estate for lineage tests. Data moves A -> B -> C -> D through the interfaces a1, b1, c1; C also feeds
 * A (a cycle), A also feeds E (a branch), and A's retired interface aR still has a flow to F.
 */
export async function seedLineageFixture(prisma: PrismaClient) {
  const tag = randomUUID().slice(0, 6);
  const team = (name: string) => prisma.team.create({ data: { slug: `${name}-${tag}`, name: `${name} ${tag}` } });
  const teams = { a: await team("team-a"), b: await team("team-b"), c: await team('team "c", core'), d: await team("team-d") };
  const system = (name: string, ownerTeamId: string | null) =>
    prisma.system.create({ data: { slug: `${name.toLowerCase()}-${tag}`, name: `${name} ${tag}`, ownerTeamId } });
  const systems = {
    A: await system("A", teams.a.id),
    B: await system("B", teams.b.id),
    C: await system("C", teams.c.id),
    D: await system("D", teams.d.id),
    E: await system("E", teams.d.id),
    F: await system("F", null),
  };
  const iface = (name: string, systemId: string, lifecycle: Lifecycle = "ACTIVE") =>
    prisma.interface.create({
      data: { slug: `${name}-${tag}`, name: `${name} ${tag}`, systemId, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE", lifecycle },
    });
  const ifaces = {
    a1: await iface("a1", systems.A.id),
    aR: await iface("aR", systems.A.id, "RETIRED"),
    b1: await iface("b1", systems.B.id),
    c1: await iface("c1", systems.C.id),
    d1: await iface("d1", systems.D.id),
  };
  const flow = (from: { id: string; name: string }, to: { id: string; name: string }) =>
    prisma.flow.create({ data: { name: `${from.name} to ${to.name}`, interfaceId: from.id, consumerSystemId: to.id, style: "EVENT", patterns: ["OUTBOX"] } });
  const flows = {
    a1B: await flow(ifaces.a1, systems.B),
    a1E: await flow(ifaces.a1, systems.E),
    b1C: await flow(ifaces.b1, systems.C),
    c1D: await flow(ifaces.c1, systems.D),
    c1A: await flow(ifaces.c1, systems.A),
    aRF: await flow(ifaces.aR, systems.F),
  };
  const contract = (interfaceId: string, version: string, status: ContractStatus, ownerTeamId: string) =>
    prisma.dataContract.create({ data: { interfaceId, version, status, ownerTeamId, schemaFormat: "JSON_SCHEMA", schema: "{}" } });
  const contracts = {
    b1: await contract(ifaces.b1.id, "1.0.0", "ACTIVE", teams.b.id),
    c1: await contract(ifaces.c1.id, "2.0.0", "APPROVED", teams.c.id),
    c1Draft: await contract(ifaces.c1.id, "3.0.0-draft", "DRAFT", teams.c.id),
    d1: await contract(ifaces.d1.id, "1.0.0", "ACTIVE", teams.d.id),
  };
  return { tag, teams, systems, ifaces, flows, contracts };
}
