import type { Protocol } from "@/lib/db/generated/enums";
import type { ConsumerSeed, InterfaceSeed } from "./types";

/** Positional shorthand for the interface tables: they hold ~150 rows and read better one row per interface. */
export function def(
  system: string,
  protocol: Protocol,
  name: string,
  entity: string,
  consumers: ConsumerSeed[],
  description: string,
  extra: Partial<Omit<InterfaceSeed, "system" | "protocol" | "name" | "entity" | "consumers" | "description">> = {},
): InterfaceSeed {
  return { system, protocol, name, entity, consumers, description, ...extra };
}
