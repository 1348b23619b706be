// npm run bench:demo-seed — how long loading the demo estate takes on a fresh embedded (PGlite) database, the way
// `npm start` does it in demo mode: the catalog and people (one transaction), spec extraction, compliance records
// and field lineage, then the contract work in progress. Prints JSON with each phase's seconds and the machine load;
// BENCH_DATABASE=postgres uses TEST_DATABASE_URL's server instead.
import os from "node:os";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/testing";
import { seedDemoContractWork } from "@/lib/demo/contract-work";
import { seedDemoEstate } from "@/lib/demo/seed";

// Issue 15: loading the demo estate takes < 60 s on 2 cores.
const TARGET_SECONDS = 60;

async function main() {
  const loadBefore = os.loadavg();
  const embedded = process.env.BENCH_DATABASE !== "postgres";
  const database = await openTestDatabase({ embedded });
  setProcessDatabase(database);
  const started = performance.now();
  const seed = await seedDemoEstate(database.prisma);
  const seeded = performance.now();
  const work = await seedDemoContractWork(database.prisma);
  const done = performance.now();
  await database.dispose();
  const s = (ms: number) => Math.round(ms / 100) / 10;
  console.log(
    JSON.stringify(
      {
        bench: "demo-seed",
        database: embedded ? "embedded (PGlite)" : "postgresql",
        cpus: os.cpus().length,
        loadavg1mBefore: Math.round(loadBefore[0] * 100) / 100,
        loadavg1mAfter: Math.round(os.loadavg()[0] * 100) / 100,
        estateSeconds: s(seeded - started),
        estatePhaseSeconds: seed.seconds,
        contractWorkSeconds: s(done - seeded),
        totalSeconds: { value: s(done - started), target: `< ${TARGET_SECONDS}`, pass: (done - started) / 1000 < TARGET_SECONDS },
        counts: { ...seed.counts, ...work },
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
