import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { importFiles } from "@/lib/catalog/import/service";
import { duringImport } from "./after-import";
import { scoreTrend, snapshotScores, snapshotScoresExclusively } from "@/lib/scorecards/data";
import { ordersPlacedDoc } from "@/lib/testing/event-docs";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { getVersionGovernance, lintUnlinted } from "./data";

const database = setupTestDatabase();
let admin: Ctx;
beforeAll(async () => {
  admin = await actAs(database(), "ADMIN");
});

const importDoc = async (name: string, text: string) => (await importFiles(admin, [{ name, content: text }])).results[0];
const eventually = async <T>(probe: () => Promise<T | undefined>): Promise<T> => {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition not met within 20 s");
};

describe("governance off the request path", () => {
  let interfaceId: string;

  it("answers an import without waiting for slow rules, says they are running, and stores their findings when done", async () => {
    process.env.GOVERNANCE_IMPORT_WAIT_MS = "0";
    try {
      const result = await importDoc("specs/orders.yaml", ordersPlacedDoc({ classification: null }));
      expect(result.ok).toBe(true);
      expect(result.warnings).toContainEqual(expect.stringMatching(/^governance: the rules are still running for 1 interface/));
      expect(result.warnings ?? []).not.toContainEqual(expect.stringContaining("interchange-payload-classification"));
      interfaceId = result.interfaces[0].id;
      expect(await getVersionGovernance(admin, interfaceId)).toMatchObject({ running: true, report: null });
    } finally {
      delete process.env.GOVERNANCE_IMPORT_WAIT_MS;
    }
    const done = await eventually(async () => {
      const governance = await getVersionGovernance(admin, interfaceId);
      return governance.running ? undefined : governance;
    });
    expect(done.report?.findings).toContainEqual(expect.objectContaining({ rule: "interchange-payload-classification", severity: "ERROR", line: 15 }));
  });

  it("queues a folder's rules until its import is done, says so per file, then stores each file's findings", async () => {
    const files = ["alpha", "beta"].map((name) => ({ name: `folder/${name}.yaml`, content: ordersPlacedDoc({ classification: null }).replaceAll("Orders", name).replaceAll("orders", name) }));
    const { results } = await importFiles(admin, files);
    for (const result of results) {
      expect(result.ok).toBe(true);
      expect(result.warnings).toContainEqual(expect.stringMatching(/^governance: the rules are queued for 1 interface\(s\) and run once the import is done/));
      expect(result.warnings ?? []).not.toContainEqual(expect.stringContaining("interchange-payload-classification"));
    }
    const last = results[1].interfaces[0].id;
    expect((await getVersionGovernance(admin, last)).running).toBe(true);
    for (const result of results) {
      const done = await eventually(async () => {
        const governance = await getVersionGovernance(admin, result.interfaces[0].id);
        return governance.running ? undefined : governance;
      });
      expect(done.report?.findings).toContainEqual(expect.objectContaining({ rule: "interchange-payload-classification", severity: "ERROR" }));
    }
  });

  it("holds a folder's queued rules back while the next import runs, and runs them once imports have stopped", async () => {
    const files = ["gamma", "delta"].map((name) => ({ name: `next/${name}.yaml`, content: ordersPlacedDoc({ classification: null }).replaceAll("Orders", name).replaceAll("orders", name) }));
    const { results } = await importFiles(admin, files);
    let finish!: () => void;
    const nextImport = duringImport(() => new Promise<void>((resolve) => (finish = resolve)));
    // Longer than the quiet time the queue waits for after an import: the rules would have run by now without one.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    for (const result of results) expect((await getVersionGovernance(admin, result.interfaces[0].id)).running).toBe(true);
    finish();
    await nextImport;
    for (const result of results) {
      const done = await eventually(async () => {
        const governance = await getVersionGovernance(admin, result.interfaces[0].id);
        return governance.running ? undefined : governance;
      });
      expect(done.report?.findings).toContainEqual(expect.objectContaining({ rule: "interchange-payload-classification", severity: "ERROR" }));
    }
  }, 30_000);

  it("queues a lone document's rules instead of answering with them while another import runs", async () => {
    let finish!: () => void;
    const folderImport = duringImport(() => new Promise<void>((resolve) => (finish = resolve)));
    const result = await importDoc("big/alone.yaml", ordersPlacedDoc({ classification: null }).replaceAll("Orders", "alone").replaceAll("orders", "alone"));
    finish();
    await folderImport;
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(expect.stringMatching(/^governance: the rules are queued for 1 interface\(s\)/));
    const done = await eventually(async () => {
      const governance = await getVersionGovernance(admin, result.interfaces[0].id);
      return governance.running ? undefined : governance;
    });
    expect(done.report?.findings).toContainEqual(expect.objectContaining({ rule: "interchange-payload-classification", severity: "ERROR" }));
  });

  it("lints a boot-time backlog one version at a time, letting other work run between them", async () => {
    for (const name of ["billing", "shipping", "returns"]) {
      const doc = ordersPlacedDoc().replaceAll("Orders", name).replaceAll("orders", name);
      expect((await importDoc(`specs/${name}.yaml`, doc)).ok).toBe(true);
    }
    await database().prisma.governanceRun.deleteMany({});
    let served = 0;
    let stop = false;
    const request = () => {
      served++;
      if (!stop) setImmediate(request);
    };
    setImmediate(request);
    const ids = (await database().prisma.interface.findMany({ select: { id: true } })).map((i) => i.id);
    const backlog = lintUnlinted(admin);
    // While the backlog runs, an interface still waiting for its turn says its rules are running, not "not linted".
    const states = await eventually(async () => {
      const all = await Promise.all(ids.map((id) => getVersionGovernance(admin, id)));
      return all.some((g) => g.report) ? all : undefined;
    });
    expect(states.filter((g) => !g.report).every((g) => g.running)).toBe(true);
    const linted = await backlog;
    stop = true;
    expect(linted).toBeGreaterThanOrEqual(3);
    // A request that arrives while the backlog runs waits for at most one version's lint, not the whole backlog.
    expect(served).toBeGreaterThanOrEqual(linted);
    const billing = await database().prisma.interface.findFirstOrThrow({ where: { name: "billing" }, select: { id: true } });
    expect((await getVersionGovernance(admin, billing.id)).report?.counts.errors).toBe(0);
  });
});

describe("scorecard trend follows SLA health", () => {
  it("adds a point when a flow's health changes without any import, and none when nothing changed", async () => {
    const prisma = database().prisma;
    const iface = await prisma.interface.findFirstOrThrow({ where: { name: "billing" }, select: { id: true, systemId: true } });
    const flow = await prisma.flow.create({ data: { name: "billing to ledger", interfaceId: iface.id, consumerSystemId: iface.systemId, style: "EVENT" } });
    await prisma.flowHealth.create({ data: { flowId: flow.id, status: "OK" } });
    const now = Date.now();
    await snapshotScores(new Date(now + 1000));
    await prisma.flowHealth.update({ where: { flowId: flow.id }, data: { status: "BREACHED" } });
    expect(await snapshotScoresExclusively(new Date(now + 2000))).toBeGreaterThan(0);
    expect(await snapshotScoresExclusively(new Date(now + 3000))).toBe(0);
    const trend = await scoreTrend(admin, "INTERFACE", iface.id, 1, new Date(now + 4000));
    expect(trend.at(-1)!.parts.health).toBeLessThan(trend.at(-2)!.parts.health!);
  });
});
