import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { hashPassword } from "@/lib/auth/password";
import { logger } from "@/lib/log";
import { seedDemoContracts } from "./contracts";
import { seedDemoCompliance } from "./compliance";
import { buildDemoEstate } from "./estate";
import { seedDemoRecords } from "./records";
import { deriveDemoFieldMappings } from "./lineage";
import { extractDemoSpecs } from "./extract";
import { buildDemoPeople, DEMO_PASSWORD } from "./users";

/** `seconds`: how long each phase took (catalog, specs, compliance, lineage), for the start log and the bench. */
export type SeedResult = { seeded: boolean; counts: Record<string, number>; seconds?: Record<string, number> };
export type OnSeeded = (tx: Prisma.TransactionClient, counts: Record<string, number>) => Promise<void>;

// Two server instances starting against one empty database must not both seed: the second waits here,
// then sees the first one's rows and does nothing.
const SEED_LOCK_KEY = 7_142_020_101;

async function isEmpty(db: Prisma.TransactionClient | PrismaClient): Promise<boolean> {
  const [systems, users] = await Promise.all([db.system.count(), db.user.count()]);
  return systems === 0 && users === 0;
}

/**
 * Loads the demo estate into an empty database in one transaction. Does nothing if any system or user exists,
 * so it never mixes demo data into a real catalog. `onSeeded` runs inside the same transaction (the caller
 * writes its audit row there, so the estate and its audit record commit or roll back together).
 */
export async function seedDemoEstate(prisma: PrismaClient, onSeeded?: OnSeeded): Promise<SeedResult> {
  if (!(await isEmpty(prisma))) return { seeded: false, counts: {} };

  const started = performance.now();
  let mark = started;
  const seconds: Record<string, number> = {};
  const phase = (name: string) => {
    const at = performance.now();
    seconds[name] = Math.round(at - mark) / 1000;
    mark = at;
  };
  const now = new Date();
  const estate = buildDemoEstate(now);
  // Hashed before the transaction opens: argon2 takes a while and should not hold locks.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = buildDemoPeople(estate.teamIdBySlug, passwordHash, now);

  const result = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      if (!(await isEmpty(tx))) return { seeded: false, counts: {} };
      const counts = {
        teams: (await tx.team.createMany({ data: estate.teams })).count,
        domains: (await tx.domain.createMany({ data: estate.domains })).count,
        systems: (await tx.system.createMany({ data: estate.systems })).count,
        interfaces: (await tx.interface.createMany({ data: estate.interfaces })).count,
        interfaceVersions: (await tx.interfaceVersion.createMany({ data: estate.interfaceVersions })).count,
        flows: (await tx.flow.createMany({ data: estate.flows })).count,
        dataContracts: (await tx.dataContract.createMany({ data: estate.dataContracts })).count,
        users: (await tx.user.createMany({ data: people.users })).count,
        memberships: (await tx.membership.createMany({ data: people.memberships })).count,
        contractSubscriptions: await seedDemoContracts(tx, estate, now),
      };
      Object.assign(counts, await seedDemoRecords(tx));
      await onSeeded?.(tx, counts);
      return { seeded: true, counts };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  if (!result.seeded) return result;
  phase("catalog");
  // Parsing every spec takes seconds, so it runs after the commit rather than holding the seed transaction open.
  logger.info({ step: "demo" }, "demo estate: catalog written, reading the specs");
  await extractDemoSpecs(prisma);
  phase("specs");
  logger.info({ step: "demo" }, "demo estate: specs read, adding compliance records");
  await seedDemoCompliance(prisma);
  phase("compliance");
  await deriveDemoFieldMappings(prisma);
  phase("lineage");
  return { ...result, seconds };
}
