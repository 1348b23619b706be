import { describe, expect, it } from "vitest";
import type { ImportFileResult } from "../catalog/import/schemas";
import { formatSummary, toJsonOutput } from "./format";

const results: ImportFileResult[] = [
  {
    file: "specs/payments.yaml",
    ok: true,
    warnings: ["Flow skipped"],
    interfaces: [{ id: "0b6f2a3e-0000-4000-8000-000000000001", name: "Payments API", kind: "API", version: "2.1.0", operations: 12, channels: 0, status: "created" }],
  },
  { file: "specs/broken.yaml", ok: false, error: "line 3: bad indentation", interfaces: [] },
  {
    file: "specs/events.yaml",
    ok: true,
    interfaces: [{ id: "0b6f2a3e-0000-4000-8000-000000000002", name: "Order events", kind: "EVENT", version: "1.0.0+2", operations: 2, channels: 3, status: "updated" }],
  },
];

describe("cli import output", () => {
  it("prints exactly the documented JSON keys", () => {
    expect(toJsonOutput(results)).toEqual({
      results: [
        {
          file: "specs/payments.yaml",
          ok: true,
          interfaces: [{ id: "0b6f2a3e-0000-4000-8000-000000000001", name: "Payments API", kind: "API", version: "2.1.0", operations: 12, channels: 0 }],
        },
        { file: "specs/broken.yaml", ok: false, error: "line 3: bad indentation", interfaces: [] },
        {
          file: "specs/events.yaml",
          ok: true,
          interfaces: [{ id: "0b6f2a3e-0000-4000-8000-000000000002", name: "Order events", kind: "EVENT", version: "1.0.0+2", operations: 2, channels: 3 }],
        },
      ],
    });
  });

  it("prints an aligned table, warnings, retirements and totals", () => {
    const text = formatSummary({ results, retired: [{ id: "x", name: "Old API", sourcePath: "specs/old.yaml" }] });
    expect(text.split("\n")).toEqual([
      "FILE                 RESULT   INTERFACE     KIND   VERSION  OPERATIONS  CHANNELS",
      "specs/payments.yaml  created  Payments API  API    2.1.0    12          0",
      "specs/broken.yaml    error    line 3: bad indentation",
      "specs/events.yaml    updated  Order events  EVENT  1.0.0+2  2           3",
      "warning: specs/payments.yaml: Flow skipped",
      "retired: Old API (specs/old.yaml is gone)",
      "3 file(s): 2 imported, 1 failed; interfaces 1 created, 1 updated, 0 unchanged; 1 retired",
    ]);
  });
});
