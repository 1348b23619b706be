// The agent's write-ahead buffer: every batch is appended (and fsynced) to a segment file before it is sent,
// and an acknowledgement record is appended once the portal took it. After a crash or restart the unacknowledged
// batches are read back in order and sent again under the same batchId, which the portal deduplicates.
import { mkdir, open, readdir, readFile, rm, truncate, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Measurement } from "./window";

export type Batch = { batchId: string; measurements: Measurement[] };

type Record = { t: "batch"; batch: Batch } | { t: "ack"; id: string } | { t: "drop"; id: string };
type Pending = { batch: Batch; bytes: number; segment: number };

const SEGMENT = /^segment-(\d{8})\.jsonl$/;
const segmentName = (n: number) => `segment-${String(n).padStart(8, "0")}.jsonl`;

export type BufferOptions = {
  /** Oldest batches are dropped (and logged) beyond this many bytes of unsent data. */
  maxBytes: number;
  /** A new segment file is started past this size; a segment is deleted once all its batches are acknowledged. */
  segmentBytes?: number;
  onDrop?: (batch: Batch, reason: string) => void;
  onCorrupt?: (file: string, line: number, reason: string) => void;
};

export class DiskBuffer {
  private readonly pending = new Map<string, Pending>();
  private readonly segmentCounts = new Map<number, number>();
  private handle: FileHandle | undefined;
  private current = 0;
  private currentBytes = 0;
  private pendingBytes = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly options: BufferOptions,
  ) {}

  /** Opens (creating) the buffer directory and recovers what a previous run left unsent. */
  static async open(dir: string, options: BufferOptions): Promise<DiskBuffer> {
    const buffer = new DiskBuffer(dir, options);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await buffer.recover();
    return buffer;
  }

  get size(): number {
    return this.pending.size;
  }

  get bytes(): number {
    return this.pendingBytes;
  }

  /** The oldest unacknowledged batch. */
  peek(): Batch | undefined {
    return this.pending.values().next().value?.batch;
  }

  /** Durably appends a batch; resolves after fsync. */
  append(batch: Batch): Promise<void> {
    return this.serial(async () => {
      const line = `${JSON.stringify({ t: "batch", batch } satisfies Record)}\n`;
      const bytes = Buffer.byteLength(line);
      while (this.pending.size > 0 && this.pendingBytes + bytes > this.options.maxBytes) {
        const oldest = this.pending.values().next().value as Pending;
        await this.write({ t: "drop", id: oldest.batch.batchId });
        this.forget(oldest.batch.batchId);
        this.options.onDrop?.(oldest.batch, `buffer over ${this.options.maxBytes} bytes`);
      }
      if (this.currentBytes > (this.options.segmentBytes ?? 8 * 1024 * 1024)) await this.rotate();
      await this.writeLine(line);
      this.pending.set(batch.batchId, { batch, bytes, segment: this.current });
      this.segmentCounts.set(this.current, (this.segmentCounts.get(this.current) ?? 0) + 1);
      this.pendingBytes += bytes;
    });
  }

  /** Records that the portal took the batch; segments with nothing left unsent are deleted. */
  ack(batchId: string): Promise<void> {
    return this.serial(async () => {
      if (!this.pending.has(batchId)) return;
      await this.write({ t: "ack", id: batchId });
      this.forget(batchId);
      if (this.pending.size === 0) await this.rotate();
    });
  }

  /** Drops a batch the portal will never take (rejected as a whole), so it does not block the ones behind it. */
  discard(batchId: string, reason: string): Promise<void> {
    return this.serial(async () => {
      const entry = this.pending.get(batchId);
      if (!entry) return;
      await this.write({ t: "drop", id: batchId });
      this.forget(batchId);
      this.options.onDrop?.(entry.batch, reason);
    });
  }

  close(): Promise<void> {
    return this.serial(async () => {
      await this.handle?.close();
      this.handle = undefined;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private forget(batchId: string) {
    const entry = this.pending.get(batchId);
    if (!entry) return;
    this.pending.delete(batchId);
    this.pendingBytes -= entry.bytes;
    const left = (this.segmentCounts.get(entry.segment) ?? 1) - 1;
    this.segmentCounts.set(entry.segment, left);
  }

  private async write(record: Record) {
    await this.writeLine(`${JSON.stringify(record)}\n`);
  }

  private async writeLine(line: string) {
    if (!this.handle) await this.openSegment(this.current || 1);
    const handle = this.handle as FileHandle;
    await handle.write(line);
    await handle.sync();
    this.currentBytes += Buffer.byteLength(line);
  }

  private async openSegment(n: number) {
    this.current = n;
    if (!this.segmentCounts.has(n)) this.segmentCounts.set(n, 0);
    this.handle = await open(path.join(this.dir, segmentName(n)), "a", 0o600);
    this.currentBytes = (await this.handle.stat()).size;
    await syncDirectory(this.dir);
  }

  /**
   * Starts a new segment and deletes the oldest segments while they hold no unsent batch. Only a prefix goes:
   * a later segment may hold the acknowledgements of batches in an earlier one that is still needed.
   */
  private async rotate() {
    await this.handle?.close();
    this.handle = undefined;
    await this.openSegment(this.current + 1);
    for (const segment of [...this.segmentCounts.keys()].sort((a, b) => a - b)) {
      if (segment >= this.current || (this.segmentCounts.get(segment) ?? 0) > 0) break;
      await rm(path.join(this.dir, segmentName(segment)), { force: true });
      this.segmentCounts.delete(segment);
    }
    await syncDirectory(this.dir);
  }

  private async recover() {
    const segments = (await readdir(this.dir))
      .map((f) => SEGMENT.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    for (const [index, n] of segments.entries()) {
      const file = path.join(this.dir, segmentName(n));
      const text = await readFile(file, "utf8");
      let offset = 0;
      const lines = text.split("\n");
      for (const [lineIndex, line] of lines.entries()) {
        const isTail = lineIndex === lines.length - 1;
        if (line === "") {
          offset += 1;
          continue;
        }
        let record: Record | undefined;
        try {
          record = JSON.parse(line) as Record;
        } catch {
          record = undefined;
        }
        if (!record && isTail && index === segments.length - 1) {
          // A write torn by a crash: the batch was never fsynced, so it was never reported as buffered. Cut it off.
          await truncate(file, offset);
          this.options.onCorrupt?.(file, lineIndex + 1, "incomplete last line (torn write) removed");
          break;
        }
        if (!record) {
          this.options.onCorrupt?.(file, lineIndex + 1, "unreadable record skipped");
        } else if (record.t === "batch") {
          const bytes = Buffer.byteLength(line) + 1;
          this.pending.set(record.batch.batchId, { batch: record.batch, bytes, segment: n });
          this.segmentCounts.set(n, (this.segmentCounts.get(n) ?? 0) + 1);
          this.pendingBytes += bytes;
        } else {
          this.forget(record.id);
        }
        offset += Buffer.byteLength(line) + 1;
      }
      if (!this.segmentCounts.has(n)) this.segmentCounts.set(n, 0);
    }
    this.current = segments.at(-1) ?? 0;
    // Start a fresh segment; old ones with nothing unsent go.
    await this.rotate();
  }
}

async function syncDirectory(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
