/** Says, wherever demo figures show, that they come from the demo connector agent and are not measurements. */
export function DemoTrafficNote({ scope }: { scope: "board" | "flow" }) {
  return (
    <p role="status" aria-label="Demo traffic" className="rounded-md border border-dashed border-amber-600/60 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
      <strong>Demo traffic.</strong>{" "}
      {scope === "board"
        ? "Flows marked “demo” are fed synthetic telemetry by the demo connector agent (daily rhythm, faults on a schedule: a failing consumer, a stale batch feed, a latency regression upstream). Nothing there is a measurement."
        : "This flow's figures are synthetic: the demo connector agent generates them, with faults on a schedule. They are not measurements."}
    </p>
  );
}
