// One flow's kept minute roll-ups together with their window sums (5 min, 30 min, 1 h, the hour not rolled up yet),
// kept between cycles: a changed row changes the sums by its difference, and when the minute turns only the rows
// entering and leaving the windows are added and taken out, instead of every kept row being summed again each cycle.
// The answers are minuteFigures' (minute-window.ts) over the same rows, which the tests check on random histories. Pure.
import type { MinutePoint } from "./detect";
import { minuteFigures, WINDOW_MS, type MinuteFigures, type MinuteRow } from "./minute-window";

const MINUTE = 60_000;
const SHORT_MS = 5 * MINUTE;
const HALF_HOUR_MS = 30 * MINUTE;
// Further than this between two readings, the windows are summed again rather than moved along minute by minute.
const MAX_STEP_MS = SHORT_MS;

const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

// More minutes than the evaluator keeps (70): two kept minutes never share a slot.
const SLOTS = 128;

/**
 * Rows by minute in a ring of slots indexed by the minute: looking a minute up is indexing an array, where a Map keyed
 * by milliseconds would hash a boxed number. A row set in an occupied slot replaces the older minute there.
 */
export class MinuteSlots {
  private readonly slots: (MinuteRow | undefined)[] = new Array<MinuteRow | undefined>(SLOTS).fill(undefined);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(minute: number): MinuteRow | undefined {
    const r = this.slots[slotOf(minute)];
    return r !== undefined && r.minute === minute ? r : undefined;
  }

  has(minute: number): boolean {
    return this.get(minute) !== undefined;
  }

  /** Sets the row of its minute; returns the row it replaced in the slot (the same minute's, or an older one). */
  set(row: MinuteRow): MinuteRow | undefined {
    const slot = slotOf(row.minute);
    const before = this.slots[slot];
    if (before === undefined) this.count += 1;
    this.slots[slot] = row;
    return before;
  }

  delete(minute: number): boolean {
    const slot = slotOf(minute);
    const r = this.slots[slot];
    if (r === undefined || r.minute !== minute) return false;
    this.slots[slot] = undefined;
    this.count -= 1;
    return true;
  }

  *values(): IterableIterator<MinuteRow> {
    for (const r of this.slots) if (r !== undefined) yield r;
  }

  *keys(): IterableIterator<number> {
    for (const r of this.slots) if (r !== undefined) yield r.minute;
  }
}

const slotOf = (minute: number) => Math.floor(minute / MINUTE) % SLOTS;

export class FlowMinutes {
  /** The kept rows by minute (each a whole minute, as the roll-ups store them). */
  readonly rows = new MinuteSlots();
  // The windows are those of the minute `at` (every instant of a minute has the same ones), the current hour's from `curStart`.
  private at = Number.NaN;
  private curStart = Number.NaN;
  private d5 = 0; private f5 = 0; private d30m = 0; private f30m = 0; private d1h = 0; private f1h = 0; private dcur = 0; private fcur = 0;
  // The newest minute of the hour window, the newest with a lag, the newest message seen; found again by a scan after a
  // change that may have lowered them (their row left the window or was changed), which is rare.
  private lastMinute: number | null = null;
  private lagAt: number | null = null;
  private newest: number | null = null;
  private rescan = false;

  get size(): number {
    return this.rows.size;
  }

  set(row: MinuteRow): void {
    let before = this.rows.set(row);
    if (Number.isNaN(this.at)) return;
    if (before && before.minute !== row.minute) {
      // An older minute's slot: that minute leaves.
      this.add(before, -1);
      this.lowered(before);
      before = undefined;
    }
    if (before) this.add(before, -1);
    this.add(row, 1);
    this.raise(row);
    // The same minute stays the newest; only a lag or a newest message the new row no longer has lowers a maximum.
    if (before && ((before.minute === this.lagAt && row.lag === null) || (before.lastDeliveredAt !== null && before.lastDeliveredAt === this.newest && (row.lastDeliveredAt ?? -Infinity) < before.lastDeliveredAt))) {
      this.rescan = true;
    }
  }

  delete(minute: number): void {
    const before = this.rows.get(minute);
    if (!before) return;
    this.rows.delete(minute);
    if (Number.isNaN(this.at)) return;
    this.add(before, -1);
    this.lowered(before);
  }

  /** The figures at `now` with the current hour from `curStart`: minuteFigures(this.rows.values(), now, curStart). */
  figures(now: number, curStart: number): MinuteFigures | null {
    this.moveTo(Math.floor(now / MINUTE) * MINUTE, curStart);
    if (this.rescan) this.scanMaxima();
    const at = this.at;
    if (this.lastMinute === null) return null;
    let p95: number | null = null;
    let p99: number | null = null;
    let vol5: number | null = null;
    for (let m = at - SHORT_MS; m <= at; m += MINUTE) {
      const r = this.rows.get(m);
      if (!r) continue;
      if (m > at - SHORT_MS) {
        p95 = maxOf(p95, r.p95);
        p99 = maxOf(p99, r.p99);
      }
      if (m < at) vol5 = (vol5 ?? 0) + r.delivered + r.failed;
    }
    return {
      lastMinute: this.lastMinute, d5: this.d5, f5: this.f5, d30m: this.d30m, f30m: this.f30m, d1h: this.d1h, f1h: this.f1h, dcur: this.dcur, fcur: this.fcur,
      p95, p99, vol5: vol5 === null ? null : vol5 / 5,
      lag: this.lagAt === null ? null : this.rows.get(this.lagAt)!.lag,
      newest: this.newest,
      notMeasured: this.rows.get(this.lastMinute)!.notMeasured,
    };
  }

  /**
   * The complete minutes of the look-back window at `now` (minute in (now - 60 min, now]) up to `until`, the last
   * `count` of them, from the window's first kept minute on, oldest first, with minutes the flow reported nothing for as
   * zeros. The first kept minute is looked up by minute from the window's start: usually the first one there is it.
   */
  points(now: number, until: number, count: number): MinutePoint[] {
    const at = Math.floor(now / MINUTE) * MINUTE;
    const from = until - (count - 1) * MINUTE;
    let first = Infinity;
    for (let m = at - WINDOW_MS + MINUTE; m <= at; m += MINUTE) {
      if (this.rows.has(m)) {
        first = Math.max(m, from);
        break;
      }
    }
    const points: MinutePoint[] = [];
    for (let m = first; m <= until; m += MINUTE) {
      const r = this.rows.get(m);
      points.push(r ? { minute: m, volume: r.delivered + r.failed, failed: r.failed, p95: r.p95 } : { minute: m, volume: 0, failed: 0, p95: null });
    }
    return points;
  }

  private moveTo(at: number, curStart: number): void {
    if (at === this.at && curStart === this.curStart) return;
    const step = at - this.at;
    if (curStart !== this.curStart || !(step > 0 && step <= MAX_STEP_MS)) return this.resum(at, curStart);
    // The rows whose windows change: leaving the hour, the half hour and the 5 minutes, and entering (newer than `at`).
    // With a step of at most 5 minutes the four ranges do not overlap, so no row is moved twice.
    const from = this.at;
    const moved: MinuteRow[] = [];
    for (const length of [WINDOW_MS, HALF_HOUR_MS, SHORT_MS, 0]) {
      for (let m = from - length + MINUTE; m <= at - length; m += MINUTE) {
        const r = this.rows.get(m);
        if (r) moved.push(r);
      }
    }
    for (const r of moved) this.add(r, -1);
    this.at = at;
    for (const r of moved) {
      this.add(r, 1);
      if (r.minute <= at - WINDOW_MS) this.lowered(r);
      else this.raise(r);
    }
  }

  private resum(at: number, curStart: number): void {
    this.at = at;
    this.curStart = curStart;
    this.d5 = this.f5 = this.d30m = this.f30m = this.d1h = this.f1h = this.dcur = this.fcur = 0;
    for (const r of this.rows.values()) this.add(r, 1);
    this.scanMaxima();
  }

  /** Adds (or with -1 takes out) a row's counts in the windows it is in at `this.at`. */
  private add(r: MinuteRow, sign: 1 | -1): void {
    if (r.minute > this.at) return;
    if (r.minute >= this.curStart) {
      this.dcur += sign * r.delivered;
      this.fcur += sign * r.failed;
    }
    if (r.minute <= this.at - WINDOW_MS) return;
    this.d1h += sign * r.delivered;
    this.f1h += sign * r.failed;
    if (r.minute > this.at - HALF_HOUR_MS) {
      this.d30m += sign * r.delivered;
      this.f30m += sign * r.failed;
    }
    if (r.minute > this.at - SHORT_MS) {
      this.d5 += sign * r.delivered;
      this.f5 += sign * r.failed;
    }
  }

  private inWindow(r: MinuteRow): boolean {
    return r.minute <= this.at && r.minute > this.at - WINDOW_MS;
  }

  /** A row now in the window can only raise the maxima. */
  private raise(r: MinuteRow): void {
    if (!this.inWindow(r)) return;
    if (this.lastMinute === null || r.minute > this.lastMinute) this.lastMinute = r.minute;
    if (r.lag !== null && (this.lagAt === null || r.minute > this.lagAt)) this.lagAt = r.minute;
    this.newest = maxOf(this.newest, r.lastDeliveredAt);
  }

  /** A row that left the window or was replaced: if it held a maximum, the maxima are found again. */
  private lowered(r: MinuteRow): void {
    if (r.minute === this.lastMinute || r.minute === this.lagAt || (r.lastDeliveredAt !== null && r.lastDeliveredAt === this.newest)) this.rescan = true;
  }

  private scanMaxima(): void {
    const f = minuteFigures(this.rows.values(), this.at, this.curStart);
    this.lastMinute = f?.lastMinute ?? null;
    this.newest = f?.newest ?? null;
    this.lagAt = null;
    if (f && f.lag !== null) {
      for (const r of this.rows.values()) if (this.inWindow(r) && r.lag !== null && (this.lagAt === null || r.minute > this.lagAt)) this.lagAt = r.minute;
    }
    this.rescan = false;
  }
}
