import { describe, expect, it } from "vitest";
import { HOUR_MS } from "./health-timing";
import { applyRollUp, slide, slideHours, type HourlySums, type HourRow } from "./hourly-sums";

// Sums computed from scratch over every row, to compare the incremental ones with.
function fromScratch(rows: readonly HourRow[], boundary: number): HourlySums {
  const sums: HourlySums = { boundary, byFlow: new Map() };
  applyRollUp(sums, [], rows);
  return sums;
}

describe("hourly sums moved along incrementally", () => {
  it("equal sums computed from scratch after late roll-ups and the boundary moving on, hour by hour and by several hours", () => {
    const start = Date.UTC(2026, 0, 1);
    let rows: HourRow[] = [];
    for (const flowId of ["f1", "f2"]) {
      for (let i = 0; i < 800; i++) if ((i * 7 + flowId.length) % 11 !== 0) rows.push({ flowId, hour: start + i * HOUR_MS, delivered: 100 + (i % 13), failed: i % 5 });
    }
    let boundary = start + 760 * HOUR_MS;
    const visible = () => rows.filter((r) => r.hour < boundary);
    const sums = fromScratch(visible(), boundary);
    for (const step of [1, 1, 3, 1, 24]) {
      // A late hour inside the windows is rolled up again with more failures; a missing hour appears.
      const at = (flowId: string, hours: number) => rows.filter((r) => r.flowId === flowId && r.hour === boundary - hours * HOUR_MS);
      const before = [...at("f1", 50), ...at("f2", 2)];
      const after = [
        { flowId: "f1", hour: boundary - 50 * HOUR_MS, delivered: 100, failed: 7 },
        { flowId: "f2", hour: boundary - 2 * HOUR_MS, delivered: 5, failed: 5 },
      ];
      rows = rows.filter((r) => !before.includes(r)).concat(after);
      applyRollUp(sums, before, after);
      const to = boundary + step * HOUR_MS;
      const hours = new Set(slideHours(boundary, to));
      slide(sums, to, rows.filter((r) => hours.has(r.hour)));
      boundary = to;
      expect(sums.byFlow).toEqual(fromScratch(visible(), boundary).byFlow);
    }
  });
});
