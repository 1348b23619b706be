import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEventDto } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/utils/format";

/** Field-level changes between before and after, so a reader sees what changed, not two JSON blobs. */
function changes(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, from: show(b[field]), to: show(a[field]) }));
}

export function AuditTable({ events }: { events: AuditEventDto[] }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead className="w-16">#</TableHead>
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Entity</TableHead>
          <TableHead>Changes</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.seq}>
            <TableCell className="font-mono text-xs text-muted-foreground">{event.seq}</TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(event.at)}</TableCell>
            <TableCell>{event.actorEmail ?? <span className="text-muted-foreground">system</span>}</TableCell>
            <TableCell>
              <Badge variant="secondary" className="font-mono">
                {event.action}
              </Badge>
            </TableCell>
            <TableCell className="font-mono text-xs text-muted-foreground">
              {event.entityType}
              {event.entityId ? `/${event.entityId.slice(0, 8)}` : ""}
            </TableCell>
            <TableCell className="max-w-md text-xs">
              <ul className="grid gap-0.5">
                {changes(event.before, event.after)
                  .slice(0, 6)
                  .map((c) => (
                    <li key={c.field} className="truncate">
                      <span className="font-medium">{c.field}</span>: <span className="text-muted-foreground line-through">{c.from}</span> → {c.to}
                    </li>
                  ))}
              </ul>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
