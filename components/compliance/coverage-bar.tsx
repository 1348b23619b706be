import type { Coverage } from "@/lib/compliance/overview";
import { percent } from "./labels";

/** Share of the latest versions' fields that are classified, suggested (awaiting review) or unknown. */
export function CoverageBar({ coverage }: { coverage: Coverage }) {
  const parts = [
    { key: "classified", label: "Classified", value: coverage.classified, className: "bg-success" },
    { key: "suggested", label: "Suggested", value: coverage.suggested, className: "bg-warning" },
    { key: "unknown", label: "Unknown", value: coverage.unknown, className: "bg-muted-foreground/30" },
  ];
  return (
    <div className="grid gap-3">
      <div className="flex h-3 w-full overflow-hidden rounded-full bg-muted" aria-hidden="true">
        {parts.map((p) => (
          <div key={p.key} className={p.className} style={{ width: percent(p.value, coverage.total) }} />
        ))}
      </div>
      <dl className="grid grid-cols-3 gap-3 text-sm">
        {parts.map((p) => (
          <div key={p.key} className="grid gap-0.5">
            <dt className="text-xs text-muted-foreground">{p.label}</dt>
            <dd>
              <span className="font-semibold tabular-nums">{percent(p.value, coverage.total)}</span>{" "}
              <span className="text-muted-foreground tabular-nums">({p.value.toLocaleString("en")} of {coverage.total.toLocaleString("en")} fields)</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
