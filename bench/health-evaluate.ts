// npm run bench:health — the SLA evaluation cycle at steady state, through the real evaluation code (evaluateHealth)
// without the app, on PostgreSQL (TEST_DATABASE_URL's server, a throwaway database) or with BENCH_DB=embedded on
// PGlite. Seeds BENCH_FLOWS flows (10,000; BENCH_EMBEDDED_FLOWS, 2,000, on PGlite) over BENCH_SYSTEMS systems (a dense
// lineage), BENCH_DAYS (30) days of hourly roll-ups with a daily rhythm and the last hour of minutes, then:
//   1. a first cycle (reads everything: minutes, states, 30-day sums; rolls up, fits the first models),
//   2. setup: fits every flow's seasonal model, as a running estate has them (timed, not a cycle),
//   3. BENCH_CYCLES (24) cycles 30 s apart of simulated time, each after a telemetry round in which every flow reports
//      its current minute (written as ingest writes it, not timed), crossing an hour so that the hourly maintenance
//      (roll-up, sums moved along, refits) runs in one of them; a troubled cascade of flows keeps the diagnosis busy,
//   4. the peer in the same run: a cycle that reads everything again (what every cycle cost before it was incremental).
// Prints JSON: each cycle's time, CPU and phases, p95 and median of the steady cycles and the maintenance cycle against
// their targets with pass/fail, machine load, CPU count and database kind.
import os from "node:os";
import { systemCtx } from "@/lib/auth/require";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/testing";
import { evaluateHealth } from "@/lib/health/evaluate";
import { fitModels } from "@/lib/health/maintenance";

const EMBEDDED = process.env.BENCH_DB === "embedded";
const FLOWS = Number(EMBEDDED ? (process.env.BENCH_EMBEDDED_FLOWS ?? 2_000) : (process.env.BENCH_FLOWS ?? 10_000));
const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? Math.max(10, Math.round(FLOWS / 20)));
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 24);
// Flows of the first systems go wrong together (a cascade down the lineage), so every cycle diagnoses a problem.
const TROUBLED_SYSTEMS = 3;
const TARGET = { steadyCycleMs: 500, maintenanceCycleMs: 2000 };
const MINUTE = 60_000;
const HOUR = 3_600_000;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

async function main() {
  if (!EMBEDDED) process.env.TEST_DATABASE_URL ??= "postgresql://root@127.0.0.1:5432/postgres";
  const database = await openTestDatabase({ embedded: EMBEDDED });
  setProcessDatabase(database);
  const prisma = database.prisma;
  try {
    const seedStarted = performance.now();
    await prisma.$executeRaw`INSERT INTO system (id, slug, name, updated_at) SELECT gen_random_uuid(), 'sys-' || lpad(g::text, 6, '0'), 'System ' || g, now() FROM generate_series(1, ${SYSTEMS}::int) g`;
    await prisma.$executeRaw`
      INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, updated_at)
      SELECT gen_random_uuid(), 'if-' || s.slug, 'Events of ' || s.name, s.id, 'EVENT', 'KAFKA', 'EVENT', now() FROM system s`;
    await prisma.$executeRaw`
      WITH i AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM interface),
           s AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM system)
      INSERT INTO flow (id, name, interface_id, consumer_system_id, style, updated_at)
      SELECT gen_random_uuid(), 'Flow ' || g, i.id, s.id, 'EVENT', now()
      FROM generate_series(0, ${FLOWS}::int - 1) g
      JOIN i ON i.n = g % ${SYSTEMS}::int
      JOIN s ON s.n = (g / ${SYSTEMS}::int + 1 + g % ${SYSTEMS}::int) % ${SYSTEMS}::int`;
    // Simulated time starts 5 minutes before an hour turns, so the cycles cross it and the hourly maintenance runs.
    const start = Math.floor(Date.now() / HOUR) * HOUR + 55 * MINUTE + 10_000;
    const hour = Math.floor(start / HOUR) * HOUR;
    await prisma.$executeRawUnsafe(
      `INSERT INTO flow_metric_hour (flow_id, hour, delivered, failed, latency_p95, minutes)
       SELECT f.id, h, (3000 * (1 + 0.5 * sin(2 * pi() * extract(hour FROM h) / 24)))::bigint, (random() < 0.05)::int * 3, 40 + 10 * random(), 60
       FROM flow f CROSS JOIN generate_series($1::timestamptz - make_interval(days => $2::int), $1::timestamptz - interval '1 hour', interval '1 hour') h`,
      new Date(hour).toISOString(),
      DAYS,
    );
    const report = (at: number) =>
      prisma.$executeRawUnsafe(
        `INSERT INTO flow_metric_minute AS m (flow_id, minute, delivered, failed, latency_p50, latency_p95, latency_p99, lag_seconds, reports, last_delivered_at)
         SELECT f.id, date_trunc('minute', $1::timestamptz), 25, CASE WHEN s.slug <= $2 THEN 20 ELSE 0 END, 12, 48, 95, 1.5, 2, $1::timestamptz
         FROM flow f JOIN interface i ON i.id = f.interface_id JOIN system s ON s.id = i.system_id
         ON CONFLICT (flow_id, minute) DO UPDATE SET delivered = m.delivered + excluded.delivered, failed = m.failed + excluded.failed,
           reports = m.reports + excluded.reports, last_delivered_at = excluded.last_delivered_at`,
        new Date(at).toISOString(),
        `sys-${String(TROUBLED_SYSTEMS).padStart(6, "0")}`,
      );
    await prisma.$executeRawUnsafe(
      `INSERT INTO flow_metric_minute (flow_id, minute, delivered, failed, latency_p50, latency_p95, latency_p99, lag_seconds, reports, last_delivered_at)
       SELECT f.id, m, (50 * (1 + 0.5 * sin(2 * pi() * extract(hour FROM m) / 24)))::bigint, 0, 12, 48, 95, 1.5, 4, m + interval '59 seconds'
       FROM flow f CROSS JOIN generate_series($1::timestamptz - interval '60 minutes', $1::timestamptz - interval '1 minute', interval '1 minute') m`,
      new Date(Math.floor(start / MINUTE) * MINUTE).toISOString(),
    );
    await prisma.$executeRawUnsafe(`ANALYZE`);
    const [{ hours, minutes }] = await prisma.$queryRaw<{ hours: bigint; minutes: bigint }[]>`
      SELECT (SELECT count(*) FROM flow_metric_hour) AS hours, (SELECT count(*) FROM flow_metric_minute) AS minutes`;
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    console.error(JSON.stringify({ seeded: { flows: FLOWS, hours: Number(hours), minutes: Number(minutes), seedSeconds } }));

    // cpuMs: the CPU this process spent in the cycle (PostgreSQL's not included); on a shared machine it moves less than ms.
    type Cycle = { at: string; kind: string; ms: number; cpuMs: number; judged?: number; written?: number; phasesMs?: Record<string, number> };
    const cycles: Cycle[] = [];
    const cycle = async (kind: string, at: number, forceMaintenance = false) => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const result = await evaluateHealth(systemCtx("bench"), new Date(at), { forceMaintenance });
      const cpu = process.cpuUsage(cpu0);
      const phasesMs = result?.phases ?? {};
      const entry = {
        at: new Date(at).toISOString(), kind: phasesMs.maintenance > 50 && kind === "steady" ? "maintenance" : kind, ms: round(performance.now() - t0),
        cpuMs: round((cpu.user + cpu.system) / 1000), judged: result?.judged, written: result?.written, phasesMs,
      };
      cycles.push(entry);
      console.error(JSON.stringify(entry));
    };
    await cycle("first (reads everything)", start, true);

    const fitStarted = performance.now();
    const ids = (await prisma.flow.findMany({ select: { id: true } })).map((f) => f.id);
    for (let i = 0; i < ids.length; i += 1000) await database.driver.transaction((tx) => fitModels(tx, new Date(start), ids.slice(i, i + 1000), 1000));
    const modelSetupSeconds = round((performance.now() - fitStarted) / 1000);
    // The evaluator reads the fitted models afresh, as after a restart; the cycles after it are the steady state.
    await cycle("after fitting every model (reads everything)", start + 5_000, true);

    for (let i = 1; i <= CYCLES; i++) {
      const at = start + 5_000 + i * 30_000;
      await report(at - 3_000);
      await cycle("steady", at);
    }
    await cycle("peer: reads everything again", start + 5_000 + (CYCLES + 1) * 30_000, true);

    const steady = cycles.filter((c) => c.kind === "steady").map((c) => c.ms);
    const steadyCpu = cycles.filter((c) => c.kind === "steady").map((c) => c.cpuMs);
    const maintenance = cycles.filter((c) => c.kind === "maintenance").map((c) => c.ms);
    const peer = cycles.at(-1)!.ms;
    const steadyP95 = steady.length ? percentile(steady, 95) : null;
    const maintenanceMax = maintenance.length ? Math.max(...maintenance) : null;
    console.log(
      JSON.stringify(
        {
          bench: "health-evaluate",
          machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l, 2)) },
          database: EMBEDDED ? "embedded (PGlite)" : "postgresql",
          estate: { flows: FLOWS, systems: SYSTEMS, historyDays: DAYS, hourRows: Number(hours), minuteRows: Number(minutes), seedSeconds, modelSetupSeconds },
          cycles,
          figures: {
            steadyCycleMs: { p95: steadyP95, median: steady.length ? percentile(steady, 50) : null, max: steady.length ? Math.max(...steady) : null, cycles: steady.length, target: `< ${TARGET.steadyCycleMs}`, pass: steadyP95 !== null && steadyP95 < TARGET.steadyCycleMs },
            steadyCycleCpuMs: { p95: steadyCpu.length ? percentile(steadyCpu, 95) : null, median: steadyCpu.length ? percentile(steadyCpu, 50) : null, note: "this process's CPU per steady cycle" },
            // Too few cycles to reach the hour's roll-up (it runs 2 minutes after the hour): not measured, not passed.
            maintenanceCycleMs:
              maintenanceMax === null
                ? { max: null, cycles: 0, target: `< ${TARGET.maintenanceCycleMs}`, pass: null, note: "not measured: the cycles did not reach the hourly maintenance (BENCH_CYCLES >= 16 does)" }
                : { max: maintenanceMax, cycles: maintenance.length, target: `< ${TARGET.maintenanceCycleMs}`, pass: maintenanceMax < TARGET.maintenanceCycleMs },
            peerFullCycleMs: { ms: peer, note: "a cycle that reads everything again, run last in the same run" },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    setProcessDatabase(undefined);
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
