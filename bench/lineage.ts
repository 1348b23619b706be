// npm run bench:lineage — the lineage map in headless Chromium against a seeded estate of 5,000 nodes and 8,000 edges
// (2,000 systems in 20 domains, 3,000 interfaces, 5,000 flows: 3,000 provides links, drawn as containment, + 5,000 flow
// edges) on a throwaway PostgreSQL database. Builds the app if needed (scripts/start.mjs), starts it against that
// database, signs in, and measures what a user does: opening the map (time to interactive, the whole estate fitted,
// the smallest domain label on screen), frame times (requestAnimationFrame deltas) while panning the overview, while
// zooming from it down to interfaces (semantic zoom crosses both levels), while panning at interface zoom, and while
// panning the overview with every domain and system expanded (the canvas layer); and the JS heap. Prints JSON with
// the machine's load, the database kind, and each figure beside its target with pass or fail. BENCH_PORT (default
// 3291) picks the port.
import os from "node:os";
import { chromium, type Page } from "playwright-core";
import { hashPassword } from "@/lib/auth/password";
import { openTestDatabase } from "@/lib/db/testing";
import { startApp, type AppServer } from "./app-server";
import { FRAME_MARK, startFrameTrace, stopFrameTrace } from "./frame-trace";

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
const benchStarted = Date.now();
const loadavgAtStart = os.loadavg().map((l) => Math.round(l * 10) / 10);
/** Progress on stderr, so a slow step shows where it is; the JSON result alone goes to stdout. */
const progress = (step: string) => console.error(`[bench:lineage +${Math.round((Date.now() - benchStarted) / 1000)} s] ${step}`);
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

/** Frame deltas recorded in the page while `action` runs (the zoom each frame ended at in window.__zooms). */
async function frames(page: Page, action: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx's name helpers (__name) do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__zooms = [];
    window.__stop = false;
    // One recorder at a time: the previous one's next frame sees a newer run and ends (else every frame counted twice).
    const run = (window.__run = (window.__run ?? 0) + 1);
    let last = performance.now();
    const tick = (now) => {
      if (window.__run !== run) return;
      if (window.__traceFrames) console.timeStamp("${FRAME_MARK}");
      window.__frames.push(now - last);
      const viewport = document.querySelector(".react-flow__viewport");
      window.__zooms.push(Number(viewport?.style.transform.match(/scale\\(([\\d.]+)\\)/)?.[1] ?? 0));
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      if (window.__traceFrames) console.timeStamp("${FRAME_MARK}");
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
  let app: AppServer | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    const estate = await seed(database.prisma);
    progress(`seeded ${estate.nodes} nodes and ${estate.edges} edges; starting the app (builds first if the sources changed)`);
    if (database.config.kind !== "postgres") throw new Error("The bench needs a PostgreSQL database (TEST_DATABASE_URL)");
    app = await startApp({ databaseUrl: database.config.url, port: PORT, name: "bench-lineage" });
    progress("app is up");

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
    progress("warm-up visit done");

    // BENCH_PROFILE=1: JavaScript CPU profiles of the first measured visit, the overview pan, the zoom and the pan at
    // interface zoom, their hottest functions on stderr.
    const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (profiler) {
      await profiler.send("Profiler.enable");
      await profiler.send("Profiler.setSamplingInterval", { interval: 500 });
    }
    const runs: number[] = [];
    if (process.env.BENCH_PROFILE) {
      page.on("requestfinished", (request) => {
        const t = request.timing();
        if (t.responseEnd > 300) console.error(`  request ${request.url().slice(0, 80)}: ${Math.round(t.responseEnd)} ms (ttfb ${Math.round(t.responseStart)})`);
      });
      page.on("console", (m) => console.error(`  console: ${m.text().slice(0, 200)}`));
    }
    let status = "";
    for (let run = 0; run < 3; run++) {
      await page.goto("about:blank");
      const started = Date.now();
      if (profiler && run === 0) await profiler.send("Profiler.start");
      await page.goto(`${BASE}/lineage`, { waitUntil: "commit" });
      await page.waitForSelector('[data-testid="lineage-canvas"][data-ready="true"] [data-node-id]', { timeout: 120_000 }).catch(async (error) => {
        await page.screenshot({ path: "/tmp/bench-lineage.png" });
        throw error;
      });
      // Interactive: the graph is drawn and the main thread is free to answer the next frame.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      runs.push(Date.now() - started);
      progress(`visit ${run + 1}: interactive after ${runs[run]} ms`);
      if (profiler && run === 0) printHotspots((await profiler.send("Profiler.stop")).profile);
      status = (await page.getByRole("status").filter({ hasText: "nodes" }).first().textContent()) ?? "";
    }
    const canvas = page.getByTestId("lineage-canvas");
    const box = (await canvas.boundingBox())!;
    // The first view: every domain drawn and inside the map's frame, and its smallest label's height on screen.
    const opening = await page.evaluate(`(() => {
      const frame = document.querySelector('[data-testid="lineage-canvas"]').getBoundingClientRect();
      const domains = [...document.querySelectorAll('[data-kind="domain"]')].map((e) => e.getBoundingClientRect());
      const inside = domains.filter((r) => r.left >= frame.left - 1 && r.top >= frame.top - 1 && r.right <= frame.right + 1 && r.bottom <= frame.bottom + 1);
      const labels = [...document.querySelectorAll('[data-kind="domain"] [data-label]')].map((e) => e.getBoundingClientRect().height);
      const zoom = Number(document.querySelector(".react-flow__viewport").style.transform.match(/scale\\(([\\d.]+)\\)/)[1]);
      return { domainsDrawn: domains.length, domainsInside: inside.length, minLabelPx: Math.min(...labels), zoom, domNodes: document.querySelectorAll("[data-node-id]").length };
    })()`) as { domainsDrawn: number; domainsInside: number; minLabelPx: number; zoom: number; domNodes: number };
    progress(`opened at zoom ${opening.zoom}: ${opening.domainsInside} of ${opening.domainsDrawn} domains in view`);

    if (profiler) await profiler.send("Profiler.start");
    const overview = await frames(page, () => pan(page, box, 6));
    if (profiler) printHotspots((await profiler.send("Profiler.stop")).profile);
    progress(`panned at overview zoom (${overview.length} frames)`);
    const zoomOf = () => page.evaluate(() => Number(document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform.match(/scale\(([\d.]+)\)/)?.[1]));
    if (profiler) await profiler.send("Profiler.start");
    // BENCH_TRACE=<file>: a Chrome trace of the zoom, and where its slowest frames spent their time (frame-trace.ts).
    if (process.env.BENCH_TRACE) await startFrameTrace(browser, page);
    const zoom = await frames(page, async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      // Wheel notches until interfaces are drawn (zoom 0.7): the view passes domains -> systems -> interfaces.
      for (let i = 0; i < 60 && (await zoomOf()) < 0.8; i++) {
        await page.mouse.wheel(0, -120);
        await page.waitForTimeout(16);
      }
      await page.waitForTimeout(300);
    });
    if (profiler) printHotspots((await profiler.send("Profiler.stop")).profile);
    // The slowest frames while zooming and the zoom each ended at: which level crossing or label step they belong to.
    const zoomsAt = await page.evaluate(() => (window as unknown as { __zooms: number[] }).__zooms);
    const slowestZoomFrames = zoom
      .map((ms, i) => ({ ms: round(ms), zoom: Math.round(zoomsAt[i] * 1000) / 1000 }))
      .slice(1)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8);
    if (process.env.BENCH_TRACE) {
      const slowest = zoom
        .map((ms, i) => ({ ms, i }))
        .slice(1)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8)
        .map(({ i }) => i);
      for (const frame of await stopFrameTrace(browser, page, process.env.BENCH_TRACE, slowest))
        console.error(`  zoom frame ${frame.index} at ${zoomsAt[frame.index]}: ${JSON.stringify(frame)}`);
    }
    const detailZoom = await zoomOf();
    progress(`zoomed in to ${detailZoom} (${zoom.length} frames)`);
    if (profiler) await profiler.send("Profiler.start");
    const detail = await frames(page, () => pan(page, box, 6));
    if (profiler) printHotspots((await profiler.send("Profiler.stop")).profile);
    const domNodesAtDetail = await page.locator("[data-node-id]").count();
    const interfacesAtDetail = await page.locator('[data-kind="interface"]').count();
    const edgesAtDetail = await page.locator("g[data-edge-style]").count();
    progress(`panned at detail zoom (${detail.length} frames)`);

    // Everything expanded, seen from the overview: what the DOM cannot hold is painted on the canvas layer.
    await page.getByRole("button", { name: "Expand all" }).click();
    await page.waitForURL(/xd=all/);
    await page.getByRole("button", { name: "Collapse all" }).waitFor();
    await canvas.focus();
    await page.keyboard.press("0");
    await page.waitForTimeout(500);
    const painted = Number((await page.getByTestId("lineage-detail-canvas").getAttribute("data-painted")) ?? 0);
    const expanded = await frames(page, () => pan(page, box, 6));
    progress(`panned the expanded estate at overview zoom (${expanded.length} frames, ${painted} nodes on the canvas)`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;

    const check = (value: number, target: number, better: "below" | "above") => ({ value, target: `${better === "below" ? "<" : ">="} ${target}`, pass: better === "below" ? value < target : value >= target });
    const panOverview = stats(overview.slice(1));
    const zoomFrames = stats(zoom.slice(1));
    const panDetail = stats(detail.slice(1));
    const panExpanded = stats(expanded.slice(1));
    const checks = {
      interactiveMsFirstVisit: check(runs[0], 1500, "below"),
      interactiveMsRepeatVisit: check(Math.min(...runs.slice(1)), 1500, "below"),
      wholeEstateFitted: { value: `${opening.domainsInside} of ${opening.domainsDrawn} domains in view`, target: `all ${DOMAINS}`, pass: opening.domainsInside === DOMAINS && opening.domainsDrawn === DOMAINS },
      minDomainLabelPx: check(round(opening.minLabelPx), 12, "above"),
      panOverviewFrameMsP95: check(panOverview.p95, 33, "below"),
      zoomFrameMsP95: check(zoomFrames.p95, 33, "below"),
      panDetailFrameMsP95: check(panDetail.p95, 33, "below"),
      panExpandedOverviewFrameMsP95: check(panExpanded.p95, 33, "below"),
    };
    console.log(
      JSON.stringify(
        {
          machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l)), loadavgAtStart },
          database: database.config.kind,
          estate,
          status,
          pass: Object.values(checks).every((c) => c.pass),
          checks,
          interactiveMs: { runs },
          opening,
          panOverviewFrameMs: panOverview,
          zoomFrameMs: { ...zoomFrames, fromZoom: opening.zoom, toZoom: detailZoom, slowest: slowestZoomFrames },
          panDetailFrameMs: { ...panDetail, domNodes: domNodesAtDetail, interfacesDrawn: interfacesAtDetail, domEdges: edgesAtDetail },
          panExpandedOverviewFrameMs: { ...panExpanded, nodesOnCanvas: painted },
          jsHeapUsedMB: round(metric("JSHeapUsedSize") / 1048576),
          jsHeapTotalMB: round(metric("JSHeapTotalSize") / 1048576),
        },
        null,
        2,
      ),
    );
  } finally {
    await browser?.close();
    app?.stop();
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

type CpuProfile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] };

/** Self time per function of a CDP CPU profile, the top 25 on stderr. */
function printHotspots(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [name, ms] of top) console.error(`${String(Math.round(ms)).padStart(7)} ms  ${name}`);
}
