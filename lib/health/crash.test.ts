import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/data";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";

// Needs a PostgreSQL server shared by two processes (an in-memory PGlite cannot be): run with TEST_DATABASE_URL.
const database = setupTestDatabase();
const PER_BATCH = 20;

describe.skipIf(!process.env.TEST_DATABASE_URL)("ingest durability", () => {
  it("loses nothing it acknowledged when the server is killed mid-ingest, and never keeps half a batch", async () => {
    const { prisma, config } = database();
    const estate = await seedLineageFixture(prisma);
    const { token, id: agentId } = await createAgent(await actAs(database(), "ADMIN"), { name: `crash-${estate.tag}`, systemIds: [estate.systems.A.id], flowIds: [] });

    // The ingest server (the telemetry route's work behind node:http) in its own process, on this test's database.
    const server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(process.cwd(), "lib", "testing", "ingest-server.ts")], {
      env: { ...process.env, DATABASE_URL: (config as { url: string }).url, PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    // Listened for from the start: the process may be gone before the senders have all returned.
    const exited = new Promise((resolve) => server.once("exit", resolve));
    const port = await new Promise<number>((resolve) =>
      createInterface({ input: server.stdout! }).on("line", (line) => line.startsWith("{") && resolve(JSON.parse(line).port)),
    );

    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    const acknowledged: string[] = [];
    let killed = false;
    let lastRefusal = "none";
    const send = async () => {
      while (!killed) {
        const batchId = randomUUID();
        const measurements = Array.from({ length: PER_BATCH }, (_, i) => ({
          flowId: i % 2 ? estate.flows.a1B.id : estate.flows.a1E.id,
          windowStart: new Date(minute).toISOString(),
          windowEnd: new Date(minute + 60_000).toISOString(),
          delivered: 1,
          failed: 0,
        }));
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/v1/telemetry`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify({ batchId, measurements }),
          });
          const answer = await response.text();
          if (response.ok && (JSON.parse(answer) as { accepted: unknown[] }).accepted.length === PER_BATCH) acknowledged.push(batchId);
          else {
            lastRefusal = `${response.status} ${answer.slice(0, 300)}`;
            return;
          }
        } catch {
          return; // the connection died with the server
        }
      }
    };
    let stopped = 0;
    const senders = Array.from({ length: 4 }, () => send().finally(() => stopped++));
    while (acknowledged.length < 40) {
      // Fail with the server's answer instead of waiting out the timeout when ingest refuses or the server died.
      if (stopped === senders.length) throw new Error(`every sender stopped after ${acknowledged.length} acknowledgements; last refusal: ${lastRefusal}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    server.kill("SIGKILL");
    killed = true;
    await Promise.all(senders);
    await exited;

    const stored = new Set((await prisma.telemetryBatch.findMany({ where: { agentId }, select: { batchId: true } })).map((b) => b.batchId));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // Batches are all or nothing: the roll-ups hold exactly the deliveries of the batches on record.
    const [{ delivered }] = await prisma.$queryRaw<{ delivered: bigint }[]>`
      SELECT coalesce(sum(delivered), 0)::bigint AS delivered FROM flow_metric_minute WHERE flow_id IN (${estate.flows.a1B.id}::uuid, ${estate.flows.a1E.id}::uuid)`;
    expect(Number(delivered)).toBe(stored.size * PER_BATCH);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    // Starting the ingest server process (tsx compiles it) takes most of this on a busy 2-core machine.
  }, 180_000);
});
