import type { ImpactSummary } from "@/lib/lineage/schemas";
import { countOf } from "@/lib/utils/format";


/** The size of a change's blast radius at a glance: totals, where the consumers sit, and whom to call first. */
export function ImpactSummaryView({ summary }: { summary: ImpactSummary }) {
  const top = summary.topConsumers.slice(0, 5);
  return (
    <div role="group" aria-label="Impact summary" className="grid gap-1 rounded-md border p-2 text-xs">
      <p className="font-medium">
        {countOf(summary.interfaces, "interface")}, {countOf(summary.consumers, "consumer system")},{" "}
        {countOf(summary.teams, "team")}, {countOf(summary.contracts, "contract")}
      </p>
      {summary.truncated ? <p className="text-muted-foreground">The lists below show the nearest entries; the CSV has them all.</p> : null}
      {summary.byDomain.length > 1 ? (
        <p>
          <span className="text-muted-foreground">By domain: </span>
          {summary.byDomain.slice(0, 5).map((d) => `${d.domain?.name ?? "No domain"} ${d.consumers}`).join(" · ")}
        </p>
      ) : null}
      {summary.byTeam.length > 1 ? (
        <p>
          <span className="text-muted-foreground">By team: </span>
          {summary.byTeam.slice(0, 5).map((t) => `${t.team?.name ?? "No owner"} ${t.consumers}`).join(" · ")}
        </p>
      ) : null}
      {top.length > 0 ? (
        <p>
          <span className="text-muted-foreground">Most flows: </span>
          {top.map((c) => `${c.name} (${c.flows})`).join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
