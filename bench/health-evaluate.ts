// npm run bench:health — the SLA evaluation cycle at 10,000 flows with realistic history, on PostgreSQL, through the
// real evaluation code (evaluateHealth) and without starting the app. Seeds a throwaway database on TEST_DATABASE_URL's
// server: BENCH_FLOWS flows, BENCH_DAYS days of hourly roll-ups per flow (a daily rhythm the seasonal model fits) and
// the last hour of minute rows. Then times: the first cycle with maintenance (roll-up, retention and fitting every
// flow's model from its hourly history), the plain cycles that follow, and a maintenance cycle 10 minutes later
// (models are refitted only when due, so it does not fit them all again). Prints JSON with machine load and database.
import os from "node:os";
import { systemCtx } from "@/lib/auth/require";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/testing";
import { evaluateHealth } from "@/lib/health/evaluate";

const FLOWS = Number(process.env.BENCH_FLOWS ?? 10_000);
const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? 500);
const DAYS = Number(process.env.BENCH_DAYS ?? 35);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  process.env.TEST_DATABASE_URL ??= "postgresql://root@127.0.0.1:5432/postgres";
  const database = await openTestDatabase();
  setProcessDatabase(database);
  const prisma = database.prisma;
  try {
    const seedStarted = performance.now();
    await prisma.$executeRaw`INSERT INTO system (id, slug, name, updated_at) SELECT gen_random_uuid(), 'sys-' || g, 'System ' || g, now() FROM generate_series(1, ${SYSTEMS}::int) g`;
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
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 45_000);
    const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    // Hourly history: a daily rhythm around 3,000 messages an hour, a few failures; the last hour's minutes follow it
    // (a steady estate: a mass anomaly would time the incident diagnosis instead, see the README).
    await prisma.$executeRawUnsafe(
      `INSERT INTO flow_metric_hour (flow_id, hour, delivered, failed, latency_p95, minutes)
       SELECT f.id, h, (3000 * (1 + 0.5 * sin(2 * pi() * extract(hour FROM h) / 24)))::bigint, (random() < 0.05)::int * 3, 40 + 10 * random(), 60
       FROM flow f CROSS JOIN generate_series($1::timestamptz - make_interval(days => $2::int), $1::timestamptz - interval '1 hour', interval '1 hour') h`,
      hour.toISOString(),
      DAYS,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO flow_metric_minute (flow_id, minute, delivered, failed, latency_p50, latency_p95, latency_p99, lag_seconds, reports, last_delivered_at)
       SELECT f.id, m, (50 * (1 + 0.5 * sin(2 * pi() * extract(hour FROM m) / 24)))::bigint, 0, 12, 48, 95, 1.5, 4, m + interval '59 seconds'
       FROM flow f CROSS JOIN generate_series($1::timestamptz - interval '60 minutes', $1::timestamptz - interval '1 minute', interval '1 minute') m`,
      new Date(now.getTime() - 45_000).toISOString(),
    );
    await prisma.$executeRawUnsafe(`ANALYZE`);
    const [{ hours, minutes }] = await prisma.$queryRaw<{ hours: bigint; minutes: bigint }[]>`
      SELECT (SELECT count(*) FROM flow_metric_hour) AS hours, (SELECT count(*) FROM flow_metric_minute) AS minutes`;
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    console.error(JSON.stringify({ seeded: { hours: Number(hours), minutes: Number(minutes), seedSeconds } }));

    const cycles: { label: string; ms: number; phasesMs?: Record<string, number>; flows?: number }[] = [];
    const cycle = async (label: string, at: Date, forceMaintenance = false) => {
      const t0 = performance.now();
      const result = await evaluateHealth(systemCtx("bench"), at, { forceMaintenance });
      cycles.push({ label, ms: round(performance.now() - t0), phasesMs: result?.phases, flows: result?.flows });
      console.error(JSON.stringify(cycles.at(-1)));
    };
    await cycle("first, with maintenance (fits the first 2,500 models)", now, true);
    for (let i = 1; i <= 3; i++) await cycle("plain", new Date(now.getTime() + i * 15_000));
    await cycle("maintenance 10 min later (refits the next due models)", new Date(now.getTime() + 10 * 60_000), true);
    const plain = cycles.filter((c) => c.label === "plain").map((c) => c.ms);

    console.log(
      JSON.stringify(
        {
          bench: "health-evaluate",
          machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l, 2)) },
          database: "postgresql",
          estate: { flows: FLOWS, historyDays: DAYS, hourRows: Number(hours), minuteRows: Number(minutes), seedSeconds },
          cycles,
          plainCycleMs: { min: Math.min(...plain), max: Math.max(...plain) },
          target: { cycleMs: 2000, issue18CycleMs: 500 },
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
