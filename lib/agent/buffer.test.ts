import { appendFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiskBuffer, type Batch } from "./buffer";

const batch = (n: number): Batch => ({
  batchId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  measurements: [{ flowId: "f", windowStart: "2026-01-01T00:00:00.000Z", windowEnd: "2026-01-01T00:00:15.000Z", delivered: n, failed: 0 }],
});
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "agent-buffer-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const options = { maxBytes: 1024 * 1024 };

async function drain(buffer: DiskBuffer): Promise<number[]> {
  const seen: number[] = [];
  for (let b = buffer.peek(); b; b = buffer.peek()) {
    seen.push(b.measurements[0].delivered);
    await buffer.ack(b.batchId);
  }
  return seen;
}

describe("disk buffer", () => {
  it("hands batches out oldest first and forgets acknowledged ones", async () => {
    const buffer = await DiskBuffer.open(await tempDir(), options);
    for (const n of [1, 2, 3]) await buffer.append(batch(n));
    expect(buffer.peek()?.batchId).toBe(batch(1).batchId);
    expect(await drain(buffer)).toEqual([1, 2, 3]);
    expect(buffer.size).toBe(0);
    await buffer.close();
  });

  it("after a crash, gives back exactly the unacknowledged batches in order, with their batchIds", async () => {
    const dir = await tempDir();
    const first = await DiskBuffer.open(dir, options);
    for (const n of [1, 2, 3, 4]) await first.append(batch(n));
    await first.ack(batch(1).batchId);
    await first.ack(batch(2).batchId);
    // crash: no close()
    const second = await DiskBuffer.open(dir, options);
    expect(second.size).toBe(2);
    expect(second.peek()).toEqual(batch(3));
    await second.append(batch(5));
    expect(await drain(second)).toEqual([3, 4, 5]);
    await second.close();
    const third = await DiskBuffer.open(dir, options);
    expect(third.size).toBe(0);
    await third.close();
  });

  it("cuts off a line torn by a crash mid-write and keeps appending cleanly", async () => {
    const dir = await tempDir();
    const first = await DiskBuffer.open(dir, options);
    await first.append(batch(1));
    await first.append(batch(2));
    const segment = (await readdir(dir)).find((f) => f.endsWith(".jsonl")) as string;
    await appendFile(path.join(dir, segment), '{"t":"batch","batch":{"batchId":"torn');
    const corrupt: string[] = [];
    const second = await DiskBuffer.open(dir, { ...options, onCorrupt: (_f, line, reason) => corrupt.push(`${line}: ${reason}`) });
    expect(corrupt).toEqual(["3: incomplete last line (torn write) removed"]);
    expect((await readFile(path.join(dir, segment), "utf8")).endsWith("}\n")).toBe(true);
    await second.append(batch(3));
    const third = await DiskBuffer.open(dir, options);
    expect(await drain(third)).toEqual([1, 2, 3]);
  });

  it("deletes segment files once everything in them is acknowledged, and never an earlier one still needed", async () => {
    const dir = await tempDir();
    const buffer = await DiskBuffer.open(dir, { ...options, segmentBytes: 200 }); // every batch starts a new segment
    for (const n of [1, 2, 3, 4]) await buffer.append(batch(n));
    expect((await readdir(dir)).length).toBeGreaterThanOrEqual(4);
    await buffer.ack(batch(2).batchId); // out of order: batch 1's segment still needed, so nothing goes
    await buffer.append(batch(5));
    const reopened = await DiskBuffer.open(dir, options);
    expect(await drain(reopened)).toEqual([1, 3, 4, 5]);
    expect(await readdir(dir)).toHaveLength(1); // the fresh, empty segment
  });

  it("drops the oldest batches beyond maxBytes and says so", async () => {
    const dropped: string[] = [];
    const one = Buffer.byteLength(`${JSON.stringify({ t: "batch", batch: batch(1) })}\n`);
    const buffer = await DiskBuffer.open(await tempDir(), { maxBytes: one * 2 + 10, onDrop: (b, reason) => dropped.push(`${b.measurements[0].delivered}: ${reason}`) });
    for (const n of [1, 2, 3, 4]) await buffer.append(batch(n));
    expect(dropped).toEqual([`1: buffer over ${one * 2 + 10} bytes`, `2: buffer over ${one * 2 + 10} bytes`]);
    expect(await drain(buffer)).toEqual([3, 4]);
  });
});
