// npm run bench:lineage — the lineage map in headless Chromium against a seeded estate of 5,000 nodes and 8,000 edges
// (2,000 systems in 20 domains, 3,000 interfaces, 5,000 flows: 3,000 provides edges + 5,000 flow edges) on a throwaway
// PostgreSQL database. Builds the app if needed (scripts/start.mjs), starts it against that database, signs in, and
// measures: navigation to an interactive graph, frame times (requestAnimationFrame deltas) while panning at overview
// and at detail zoom and while zooming, and the JS heap. Prints JSON. BENCH_PORT (default 3291) picks the port.
import { spawn } from "node:child_process";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { hashPassword } from "@/lib/auth/password";
import { openTestDatabase } from "@/lib/db/testing";

const PORT = Number(process.env.BENCH_PORT ?? 3291);
const BASE = `http://127.0.0.1:${PORT}`;
const DOMAINS = 20;
const TEAMS = 40;
const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? 2000);
const INTERFACES = Number(process.env.BENCH_INTERFACES ?? 3000);
const FLOWS = Number(process.env.BENCH_FLOWS ?? 5000);
const EMAIL = "bench-architect@interchange.local";
const PASSWORD = "bench-lineage-password";

const round = (n: number) => Math.round(n * 10) / 10;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { frames: sorted.length, median: round(at(50)), p95: round(at(95)), max: round(sorted[sorted.length - 1] ?? 0) };
};

async function seed(prisma: Awaited<ReturnType<typeof openTestDatabase>>["prisma"]) {
  await prisma.$executeRaw`INSERT INTO team (id, slug, name, updated_at) SELECT gen_random_uuid(), 'team-' || g, 'Team ' || g, now() FROM generate_series(1, ${TEAMS}::int) g`;
  await prisma.$executeRaw`
    WITH t AS (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM team)
    INSERT INTO domain (id, slug, name, owner_team_id, updated_at)
    SELECT gen_random_uuid(), 'domain-' || g, 'Domain ' || lpad(g::text, 2, '0'), t.id, now() FROM generate_series(1, ${DOMAINS}::int) g JOIN t ON t.n = g`;
  await prisma.$executeRaw`
    WITH d AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM domain), t AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM team)
    INSERT INTO system (id, slug, name, domain_id, owner_team_id, updated_at)
    SELECT gen_random_uuid(), 'sys-' || g, 'System ' || g, d.id, t.id, now()
    FROM generate_series(0, ${SYSTEMS}::int - 1) g JOIN d ON d.n = g % ${DOMAINS}::int JOIN t ON t.n = g % ${TEAMS}::int`;
  // Interfaces spread over the systems with a mix of protocols and styles; flows mostly stay near their domain.
  await prisma.$executeRaw`
    WITH s AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM system)
    INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, updated_at)
    SELECT gen_random_uuid(), 'if-' || g, 'Interface ' || g, s.id,
           (ARRAY['API','EVENT','FILE'])[1 + g % 3]::"InterfaceKind", (ARRAY['HTTP','KAFKA','SFTP'])[1 + g % 3]::"Protocol",
           (ARRAY['REQUEST_RESPONSE','EVENT','BATCH'])[1 + g % 3]::"IntegrationStyle", now()
    FROM generate_series(0, ${INTERFACES}::int - 1) g JOIN s ON s.n = g % ${SYSTEMS}::int`;
  await prisma.$executeRaw`
    WITH i AS (SELECT id, style, system_id, row_number() OVER (ORDER BY slug) - 1 AS n FROM interface),
         s AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM system),
         pairs AS (
           SELECT DISTINCT ON (ii, ss) ii, ss FROM (
             SELECT g % ${INTERFACES}::int AS ii,
                    ((g % ${INTERFACES}::int) % ${SYSTEMS}::int + 1 + floor(random() * 60)::int * (CASE WHEN random() < 0.8 THEN ${DOMAINS}::int ELSE 1 END)) % ${SYSTEMS}::int AS ss
             FROM generate_series(1, (${FLOWS}::int * 1.2)::int) g) r)
    INSERT INTO flow (id, name, interface_id, consumer_system_id, style, updated_at)
    SELECT gen_random_uuid(), 'Flow ' || i.n || '-' || s.n, i.id, s.id, i.style, now()
    FROM (SELECT * FROM pairs LIMIT ${FLOWS}::int) p JOIN i ON i.n = p.ii JOIN s ON s.n = p.ss WHERE s.id <> i.system_id`;
  await prisma.user.create({ data: { email: EMAIL, name: "Bench Architect", role: "ARCHITECT", passwordHash: await hashPassword(PASSWORD) } });
  await prisma.$executeRawUnsafe("VACUUM ANALYZE");
  const [counts] = await prisma.$queryRaw<{ systems: number; interfaces: number; flows: number }[]>`
    SELECT (SELECT count(*)::int FROM system) AS systems, (SELECT count(*)::int FROM interface) AS interfaces, (SELECT count(*)::int FROM flow) AS flows`;
  return { ...counts, nodes: counts.systems + counts.interfaces, edges: counts.interfaces + counts.flows };
}

async function waitForServer(deadline: number) {
  while (Date.now() < deadline) {
    if (await fetch(`${BASE}/api/v1/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`The app did not answer on ${BASE} in time`);
}

/** Frame deltas recorded in the page while `action` runs. */
async function frames(page: Page, action: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx's name helpers (__name) do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  })()`);
  await action();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames;
  });
}

async function pan(page: Page, box: { x: number; y: number; width: number; height: number }, strokes: number) {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (let s = 0; s < strokes; s++) {
    const dir = s % 2 === 0 ? 1 : -1;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) await page.mouse.move(cx + dir * i * 10, cy + dir * i * 4);
    await page.mouse.up();
  }
}

async function main() {
  process.env.TEST_DATABASE_URL ??= "postgresql://root@127.0.0.1:5432/postgres";
  const database = await openTestDatabase();
  let server: ReturnType<typeof spawn> | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    const estate = await seed(database.prisma);
    const root = path.resolve(import.meta.dirname, "..");
    const url = database.config.kind === "postgres" ? database.config.url : undefined;
    if (!url) throw new Error("The bench needs a PostgreSQL database (TEST_DATABASE_URL)");
    server = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), NEXTAUTH_URL: BASE, DEMO: "", DATA_DIR: path.join(root, ".data", "bench-lineage") },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    await waitForServer(Date.now() + 900_000);

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${BASE}/signin`);
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${BASE}/`);
    // Warm the server's route once (first compile of the page and the API in a fresh process), then measure.
    await page.goto(`${BASE}/lineage`);
    await page.waitForSelector('[data-testid="lineage-canvas"][data-ready="true"]', { timeout: 120_000 });
    await page.evaluate(() => sessionStorage.clear());

    const runs: number[] = [];
    let layout = "";
    for (let run = 0; run < 3; run++) {
      await page.goto("about:blank");
      const started = Date.now();
      await page.goto(`${BASE}/lineage`, { waitUntil: "commit" });
      await page.waitForSelector('[data-testid="lineage-canvas"][data-ready="true"] [data-node-id]', { timeout: 120_000 });
      // Interactive: the graph is drawn and the main thread is free to answer the next frame.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      runs.push(Date.now() - started);
      layout = (await page.getByRole("status").filter({ hasText: "nodes" }).first().textContent()) ?? "";
      // Runs after the first reuse the per-view layout cache in sessionStorage, as a reload would.
    }
    const canvas = page.getByTestId("lineage-canvas");
    const box = (await canvas.boundingBox())!;
    const overview = await frames(page, () => pan(page, box, 6));
    const zoom = await frames(page, async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let i = 0; i < 24; i++) {
        await page.mouse.wheel(0, -120);
        await page.waitForTimeout(16);
      }
    });
    const detail = await frames(page, () => pan(page, box, 6));
    const domNodes = await page.locator("[data-node-id]").count();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;

    console.log(
      JSON.stringify(
        {
          estate,
          layout,
          interactiveMs: { firstVisit: runs[0], cachedLayout: round(Math.min(...runs.slice(1))), runs },
          panOverviewFrameMs: stats(overview.slice(1)),
          zoomFrameMs: stats(zoom.slice(1)),
          panDetailFrameMs: stats(detail.slice(1)),
          domNodesAtDetailZoom: domNodes,
          jsHeapUsedMB: round(metric("JSHeapUsedSize") / 1048576),
          jsHeapTotalMB: round(metric("JSHeapTotalSize") / 1048576),
          targets: { interactiveMs: 3000, medianPanFrameMs: 33 },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser?.close();
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
