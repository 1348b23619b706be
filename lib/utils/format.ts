const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Dates in one unambiguous format everywhere, in UTC so server and browser render the same text. */
export function formatDateTime(iso: string | Date): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** "1 row", "2 rows": a count with its noun in the right number (English plurals by -s unless given). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? singular : plural}`;
}

export type MeasureUnit = "%" | "ms" | "s" | "h" | "days" | "/min" | "msg/min" | "bytes" | "x" | "";

const BYTE_STEPS = ["bytes", "KB", "MB", "GB", "TB"];

/** Significant digits a reader needs: 3 figures under 100, whole numbers above. */
const digitsFor = (v: number) => (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);

/**
 * A measure with its unit and sensible precision: "99.95 %", "1,250 ms", "12.4 s", "3 min", "1.5 h", "4.2 MB",
 * "0.35x", "12 /min". Seconds of lag over two minutes read in minutes, over an hour in hours. Not a number: "—".
 */
export function formatMeasure(value: unknown, unit: MeasureUnit = ""): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const num = (v: number, digits: number) => v.toLocaleString("en", { maximumFractionDigits: digits });
  switch (unit) {
    case "%":
      return `${num(value, Math.abs(value) >= 99 && Math.abs(value) < 100 ? 2 : 1)} %`;
    case "s":
      if (Math.abs(value) >= 3600) return `${num(value / 3600, 1)} h`;
      if (Math.abs(value) >= 120) return `${num(value / 60, 0)} min`;
      return `${num(value, digitsFor(value))} s`;
    case "bytes": {
      let step = 0;
      let v = value;
      while (Math.abs(v) >= 1024 && step < BYTE_STEPS.length - 1) {
        v /= 1024;
        step += 1;
      }
      return step === 0 ? countOf(Math.round(v), "byte") : `${num(v, 1)} ${BYTE_STEPS[step]}`;
    }
    case "x":
      return `${num(value, digitsFor(value))}x`;
    case "days":
      return countOf(Math.round(value * 10) / 10, "day");
    case "":
      return num(value, digitsFor(value));
    default:
      // "/min" sticks to its number ("14.2/min"); a word unit stands apart ("12 ms").
      return `${num(value, digitsFor(value))}${unit.startsWith("/") ? "" : " "}${unit}`;
  }
}
