import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { IncidentDto } from "@/lib/health/schemas";
import { formatDateTime } from "@/lib/utils/format";
import { label } from "@/lib/utils/labels";


/** Incidents with their timeline and suspected upstream causes. */
export function IncidentList({ incidents, showFlow = true }: { incidents: IncidentDto[]; showFlow?: boolean }) {
  return (
    <ul className="grid gap-3" aria-label="Incidents">
      {incidents.map((incident) => {
        // A flow is never its own suspected cause: the hint names what lies upstream of it.
        const causes = incident.suspectedCauses.filter((c) => c.flowId !== incident.flow?.id);
        return (
          <li key={incident.id} className="rounded-lg border bg-card p-4" aria-label={incident.title}>
            <div className="flex flex-wrap items-center gap-2">
              <Badge variant={incident.state === "OPEN" ? (incident.severity === "critical" ? "destructive" : "warning") : "outline"}>
                {incident.state === "OPEN" ? "Open" : "Resolved"}
              </Badge>
              <Badge variant="secondary">{label("IncidentKind", incident.kind)}</Badge>
              {showFlow && incident.flow ? (
                <Link className="font-medium underline-offset-4 hover:underline" href={`/health/flows/${incident.flow.id}`}>
                  {incident.title}
                </Link>
              ) : (
                <span className="font-medium">{incident.title}</span>
              )}
              <span className="text-xs text-muted-foreground">
                opened {formatDateTime(incident.openedAt)}
                {incident.resolvedAt ? `, resolved ${formatDateTime(incident.resolvedAt)}` : ""}
              </span>
            </div>
            {causes.length ? (
              <p className="mt-2 text-sm">
                Suspected upstream cause, most likely first:{" "}
                {causes.slice(0, 3).map((c, i) => (
                  <span key={c.flowId}>
                    {i ? ", " : ""}
                    <Link className="underline underline-offset-4" href={`/health/flows/${c.flowId}`}>
                      {c.name}
                    </Link>{" "}
                    <span className="text-muted-foreground">
                      ({c.tie ? "tied: the evidence does not separate it from the next; " : ""}
                      {c.explanation ?? `upstream of ${c.covers} of ${c.of} breaching flows`})
                    </span>
                  </span>
                ))}
              </p>
            ) : null}
            <ol className="mt-2 grid gap-1 border-l pl-3 text-sm" aria-label="Timeline">
              {incident.timeline.map((e, i) => (
                <li key={i}>
                  <span className="text-xs text-muted-foreground">{formatDateTime(e.at)}</span> <span className="font-medium">{e.type}</span>: {e.message}
                </li>
              ))}
            </ol>
          </li>
        );
      })}
    </ul>
  );
}
