// BENCH_TRACE for the lineage bench: a Chrome performance trace of a measured phase, and for its slowest frames where
// the renderer spent them (self time per trace event on the main thread: script, style recalculation, layout, paint,
// React's commits inside script), and the compositor and raster threads' busy time, so a slow frame can be put down
// to its cause without opening the trace in DevTools. The page marks each recorded frame with console.timeStamp
// (bench/lineage.ts's recorder does when window.__traceFrames is set), which lines the trace up with the frame list.
import { writeFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "blink.user_timing",
  "toplevel",
  "cc",
  "v8.execute",
].join(",");

type TraceEvent = { name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { message?: string } } };

export const FRAME_MARK = "lineage-frame";

/** Starts tracing `page` and turns its frame marks on. */
export async function startFrameTrace(browser: Browser, page: Page) {
  await browser.startTracing(page, { categories: CATEGORIES.split(",") });
  await page.evaluate(() => ((window as unknown as { __traceFrames: boolean }).__traceFrames = true));
}

/**
 * Stops tracing, writes the trace to `file` (open it in DevTools' Performance panel), and returns, for the frames at
 * `slow` (indexes into the recorded frame list), the top self times on the renderer's main thread and the
 * compositor's and raster threads' busy time within each.
 */
export async function stopFrameTrace(browser: Browser, page: Page, file: string, slow: number[]) {
  await page.evaluate(() => ((window as unknown as { __traceFrames: boolean }).__traceFrames = false));
  const buffer = await browser.stopTracing();
  writeFileSync(file, buffer);
  const events = (JSON.parse(buffer.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  const marks = events.filter((e) => e.name === "TimeStamp" && e.args?.data?.message === FRAME_MARK).sort((a, b) => a.ts - b.ts);
  // The renderer is the process whose main thread made the marks.
  const main = marks[0] ? `${marks[0].pid}:${marks[0].tid}` : "";
  const pid = marks[0]?.pid;
  const complete = events.filter((e) => e.ph === "X" && e.dur !== undefined && e.pid === pid);
  const onMain = complete.filter((e) => `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const busyOf = (pattern: RegExp) => complete.filter((e) => pattern.test(threadName.get(`${e.pid}:${e.tid}`) ?? ""));
  const compositor = busyOf(/Compositor$/);
  const raster = busyOf(/CompositorTileWorker/);
  return slow.map((index) => {
    // Frame i of the list ends at mark i + 1 (the first mark is where the recording started).
    const start = marks[index]?.ts;
    const end = marks[index + 1]?.ts;
    if (start === undefined || end === undefined) return { index, ms: null };
    return { index, ms: Math.round((end - start) / 100) / 10, main: selfTimes(onMain, start, end), compositorMs: busy(compositor, start, end), rasterMs: busy(raster, start, end) };
  });
}

/** Self time (ms) per event name on one thread within [start, end], the largest first. */
function selfTimes(sorted: TraceEvent[], start: number, end: number): Record<string, number> {
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  const clip = (a: number, b: number) => Math.max(0, Math.min(b, end) - Math.max(a, start));
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + clip(top.e.ts, top.end) - top.child);
      if (stack.length) stack[stack.length - 1].child += clip(top.e.ts, top.end);
    }
  };
  for (const e of sorted) {
    if (e.ts + e.dur! < start) continue;
    if (e.ts > end) break;
    close(e.ts);
    stack.push({ e, end: e.ts + e.dur!, child: 0 });
  }
  close(Infinity);
  return Object.fromEntries(
    [...self]
      .filter(([, us]) => us >= 500)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, us]) => [name, Math.round(us / 100) / 10]),
  );
}

/** Time (ms) within [start, end] that events of these threads cover (outermost events only per thread). */
function busy(events: TraceEvent[], start: number, end: number): number {
  const byThread = new Map<number, [number, number][]>();
  for (const e of events) {
    const a = Math.max(start, e.ts);
    const b = Math.min(end, e.ts + e.dur!);
    if (b <= a) continue;
    const list = byThread.get(e.tid) ?? [];
    list.push([a, b]);
    byThread.set(e.tid, list);
  }
  let total = 0;
  for (const list of byThread.values()) {
    list.sort((x, y) => x[0] - y[0]);
    let reach = -Infinity;
    for (const [a, b] of list) {
      if (b <= reach) continue;
      total += b - Math.max(a, reach);
      reach = b;
    }
  }
  return Math.round(total / 100) / 10;
}
