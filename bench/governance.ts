// npm run bench:governance — loads the demo estate into a throwaway database (PGlite unless TEST_DATABASE_URL is
// set), then times the governance lint of every interface's latest version (what boot and imports do) while
// watching the event loop's delay (what a request arriving meanwhile waits), the scorecard computation over the
// whole estate, and one snapshot. Prints JSON. Target: lint < 100 ms per version and event-loop delay p99 < 100 ms
// on an idle 2-core machine; the first AsyncAPI document also pays the one-time compile of the AsyncAPI schema.
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { systemCtx } from "@/lib/auth/require";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/testing";
import { seedDemoEstate } from "@/lib/demo/seed";
import { lintUnlinted } from "@/lib/governance/data";
import { listScorecards, snapshotScores } from "@/lib/scorecards/data";

const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const database = await openTestDatabase();
  setProcessDatabase(database);
  try {
    await seedDemoEstate(database.prisma);
    const ctx = systemCtx("bench");
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    let started = performance.now();
    const linted = await lintUnlinted(ctx);
    const lintMs = performance.now() - started;
    delay.disable();
    const delayMs = (ns: number) => round(ns / 1e6);
    started = performance.now();
    const cards = await listScorecards(ctx, { subject: "INTERFACE" });
    const scorecardMs = performance.now() - started;
    started = performance.now();
    const snapshots = await snapshotScores();
    const snapshotMs = performance.now() - started;
    const findings = await database.prisma.governanceFinding.count();
    console.log(JSON.stringify({
      database: process.env.TEST_DATABASE_URL ? "postgresql" : "pglite",
      load: os.loadavg().map(round),
      cpus: os.cpus().length,
      linted,
      findings,
      lintMsTotal: Math.round(lintMs),
      lintMsPerVersion: round(lintMs / Math.max(1, linted)),
      targetLintMsPerVersion: 100,
      eventLoopDelayMs: { p50: delayMs(delay.percentile(50)), p99: delayMs(delay.percentile(99)), max: delayMs(delay.max) },
      targetEventLoopDelayP99Ms: 100,
      interfaceScorecards: cards.length,
      scorecardsMs: Math.round(scorecardMs),
      snapshots,
      snapshotMs: Math.round(snapshotMs),
    }));
  } finally {
    setProcessDatabase(undefined);
    await database.dispose();
  }
}

await main();
