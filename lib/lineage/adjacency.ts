import "server-only";
import { database, db } from "@/lib/db/client";
import type { InterfaceNode, SystemNode } from "./schemas";

type Ref = { id: string; name: string };
export type AdjacencySystem = { id: string; name: string; kind: SystemNode["kind"]; domain: Ref | null; ownerTeam: Ref | null };
export type AdjacencyInterface = Pick<InterfaceNode, "id" | "name" | "kind" | "protocol" | "style" | "lifecycle" | "systemId">;

/** The whole estate's lineage as adjacency lists, held in memory and tagged with the database's lineage version. */
export type Adjacency = {
  version: string;
  systems: Map<string, AdjacencySystem>;
  interfaces: Map<string, AdjacencyInterface>;
  /** Each system's interfaces that are not retired (a retired interface carries nothing downstream). */
  liveInterfaces: Map<string, string[]>;
  /** Each interface's consumer systems, one per flow. */
  consumers: Map<string, string[]>;
  /** Each interface's approved and active contracts (what a change to it must honour). */
  contracts: Map<string, AdjacencyContract[]>;
  /**
   * Each system's and interface's place in name order (collated once per build): answers sort thousands of
   * entries by name, and comparing two numbers is far cheaper than collating two names each time.
   */
  nameOrder: Map<string, number>;
};
export type AdjacencyContract = { id: string; version: string; status: "ACTIVE" | "APPROVED"; ownerTeam: Ref | null };

type SystemRow = [string, string, SystemNode["kind"], string | null, string | null, string | null, string | null];
type InterfaceRow = [string, string, string, InterfaceNode["kind"], InterfaceNode["protocol"], InterfaceNode["style"], InterfaceNode["lifecycle"]];
type ContractRow = [string, string, AdjacencyContract["status"], string, string | null, string | null];
type Snapshot = { version: string; systems: SystemRow[] | null; interfaces: InterfaceRow[] | null; flows: [string, string][] | null; contracts: ContractRow[] | null };

// One cache per database client (tests and benches switch databases in one process).
const cache = new WeakMap<object, Promise<Adjacency>>();

/**
 * The estate's adjacency, rebuilt only when lineage_version moved: triggers bump it in the same transaction as
 * any write to flows, or to the interface, system, domain, team and contract columns lineage shows, so every server
 * instance sees the change as soon as it commits. The check is one primary-key read per call.
 */
export async function lineageAdjacency(): Promise<Adjacency> {
  const client = db();
  const version = await lineageVersion();
  const current = cache.get(client);
  if (current) {
    const adjacency = await current.catch(() => null);
    if (adjacency && adjacency.version === version) return adjacency;
  }
  const loading = load();
  cache.set(client, loading);
  loading.catch(() => cache.delete(client));
  return loading;
}

/**
 * The lineage's version: triggers bump it in the same transaction as any write lineage shows. One primary-key read,
 * on the driver: it runs on every impact call and telemetry batch, and Prisma's raw-query path costs more than the read.
 */
export async function lineageVersion(): Promise<string> {
  const [{ version }] = await database().driver.query<{ version: string }>(`SELECT version::text AS version FROM lineage_version WHERE id = 1`);
  return version;
}

/** Version and rows in one statement, so they come from one snapshot and the tag never runs ahead of the data. */
async function load(): Promise<Adjacency> {
  const [row] = await db().$queryRaw<Snapshot[]>`
    SELECT (SELECT version::text FROM lineage_version WHERE id = 1) AS version,
      (SELECT json_agg(json_build_array(s.id, s.name, s.kind, d.id, d.name, t.id, t.name))
         FROM system s LEFT JOIN domain d ON d.id = s.domain_id LEFT JOIN team t ON t.id = s.owner_team_id) AS systems,
      (SELECT json_agg(json_build_array(i.id, i.name, i.system_id, i.kind, i.protocol, i.style, i.lifecycle)) FROM interface i) AS interfaces,
      (SELECT json_agg(json_build_array(f.interface_id, f.consumer_system_id)) FROM flow f) AS flows,
      (SELECT json_agg(json_build_array(c.id, c.version, c.status, c.interface_id, t.id, t.name))
         FROM data_contract c LEFT JOIN team t ON t.id = c.owner_team_id WHERE c.status IN ('ACTIVE', 'APPROVED')) AS contracts`;
  const systems = new Map<string, AdjacencySystem>();
  for (const [id, name, kind, domainId, domainName, teamId, teamName] of row.systems ?? []) {
    systems.set(id, { id, name, kind, domain: domainId ? { id: domainId, name: domainName! } : null, ownerTeam: teamId ? { id: teamId, name: teamName! } : null });
  }
  const interfaces = new Map<string, AdjacencyInterface>();
  const liveInterfaces = new Map<string, string[]>();
  for (const [id, name, systemId, kind, protocol, style, lifecycle] of row.interfaces ?? []) {
    interfaces.set(id, { id, name, systemId, kind, protocol, style, lifecycle });
    if (lifecycle !== "RETIRED") push(liveInterfaces, systemId, id);
  }
  const consumers = new Map<string, string[]>();
  for (const [interfaceId, systemId] of row.flows ?? []) push(consumers, interfaceId, systemId);
  const contracts = new Map<string, AdjacencyContract[]>();
  for (const [id, version, status, interfaceId, teamId, teamName] of row.contracts ?? []) {
    push(contracts, interfaceId, { id, version, status, ownerTeam: teamId ? { id: teamId, name: teamName! } : null });
  }
  return { version: row.version, systems, interfaces, liveInterfaces, consumers, contracts, nameOrder: nameOrderOf([...systems.values(), ...interfaces.values()]) };
}

/** The one collator lineage compares names with: String#localeCompare builds one per call, which dominates sorting thousands. */
export const nameCollator = new Intl.Collator("en");
function nameOrderOf(nodes: { id: string; name: string }[]): Map<string, number> {
  const sorted = nodes.map((n) => ({ id: n.id, name: n.name })).sort((a, b) => nameCollator.compare(a.name, b.name));
  const order = new Map<string, number>();
  sorted.forEach((n, index) => order.set(n.id, index));
  return order;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Hops downstream of a system or an interface, as the lineage graph counts them: crossing a flow is one hop; a
 * system and its live interfaces share a hop; flows are followed from interfaces nearer than `depth`. A system
 * focus starts with its live interfaces at hop 0; an interface focus starts alone (its own system is reached only
 * if a flow leads back to it). Breadth-first, so each node gets its shortest distance and is expanded once.
 */
export function downstreamHops(adjacency: Adjacency, focus: { interface?: string; system?: string }, depth: number): Map<string, number> {
  const hops = new Map<string, number>();
  let frontier: string[] = [];
  if (focus.interface) {
    hops.set(focus.interface, 0);
    frontier = [focus.interface];
  } else if (focus.system) {
    hops.set(focus.system, 0);
    for (const id of adjacency.liveInterfaces.get(focus.system) ?? []) {
      hops.set(id, 0);
      frontier.push(id);
    }
  }
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const reached: string[] = [];
    for (const interfaceId of frontier) {
      for (const systemId of adjacency.consumers.get(interfaceId) ?? []) {
        if (hops.has(systemId)) continue;
        hops.set(systemId, hop + 1);
        reached.push(systemId);
      }
    }
    frontier = [];
    for (const systemId of reached) {
      for (const interfaceId of adjacency.liveInterfaces.get(systemId) ?? []) {
        if (hops.has(interfaceId)) continue;
        hops.set(interfaceId, hop + 1);
        frontier.push(interfaceId);
      }
    }
  }
  return hops;
}
