import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ScorecardDto } from "@/lib/scorecards/schemas";
import { PartBadges, ScoreBadge } from "./score";

/** Scorecards worst first, each with its worst gap, linking to the subject's trend. */
export function ScorecardTable({ items, caption }: { items: ScorecardDto[]; caption: string }) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Score</TableHead>
          <TableHead>Worst gap</TableHead>
          <TableHead>Parts</TableHead>
          <TableHead className="text-right">Interfaces</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((c) => (
          <TableRow key={c.id}>
            <TableCell className="font-medium">
              <Link href={`/governance/${c.subject.toLowerCase()}/${c.id}`} className="hover:underline">
                {c.name}
              </Link>
              {c.domain && c.subject !== "DOMAIN" ? <div className="text-xs text-muted-foreground">{c.domain.name}</div> : null}
            </TableCell>
            <TableCell>
              <ScoreBadge score={c.score} />
            </TableCell>
            <TableCell className="text-sm">{c.gaps[0]?.detail ?? <span className="text-muted-foreground">none</span>}</TableCell>
            <TableCell>
              <PartBadges parts={c.parts} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{c.interfaces}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
