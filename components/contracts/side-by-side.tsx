import { Badge } from "@/components/ui/badge";
import { alignLines, lineOf, type DiffRow } from "@/lib/contracts/line-diff";
import type { Change } from "@/lib/diff/types";
import { cn } from "@/lib/utils/cn";
import { levelVariant } from "./labels";

const ROW_TINT: Record<DiffRow["kind"], [string, string]> = {
  same: ["", ""],
  removed: ["bg-destructive/10", "bg-muted/40"],
  added: ["bg-muted/40", "bg-success/10"],
  changed: ["bg-destructive/10", "bg-success/10"],
};

/**
 * Two versions' schema text side by side, lines aligned, changed lines tinted, and each ERR/WARN finding shown on
 * the line it points at (the newer side; the older one for what was removed).
 */
export function SideBySide({ left, right, changes, labels }: { left: string; right: string; changes: readonly Change[]; labels: [string, string] }) {
  const l = left.split("\n");
  const r = right.split("\n");
  const rows = alignLines(l, r);
  const findings = { left: new Map<number, Change[]>(), right: new Map<number, Change[]>() };
  for (const change of changes.filter((c) => c.level !== "INFO")) {
    const onRight = lineOf(r, change.path);
    const side = onRight !== null ? "right" : "left";
    const line = onRight ?? lineOf(l, change.path);
    if (line === null) continue;
    findings[side].set(line, [...(findings[side].get(line) ?? []), change]);
  }
  const cell = (side: "left" | "right", line: number | null, kind: DiffRow["kind"]) => {
    const text = line === null ? "" : (side === "left" ? l : r)[line];
    const notes = line === null ? [] : (findings[side].get(line) ?? []);
    return (
      <td className={cn("w-1/2 align-top", ROW_TINT[kind][side === "left" ? 0 : 1])} id={line === null ? undefined : `${side}-L${line + 1}`}>
        <div className="flex gap-2 px-2">
          <span className="w-8 shrink-0 text-right text-muted-foreground select-none">{line === null ? "" : line + 1}</span>
          <span className="min-w-0 whitespace-pre-wrap break-all">{text}</span>
        </div>
        {notes.map((c) => (
          <p key={c.id} className="ml-10 flex items-start gap-1 px-2 pb-1 font-sans" role="note">
            <Badge variant={levelVariant(c.level)}>{c.level}</Badge>
            <span>{c.message}</span>
          </p>
        ))}
      </td>
    );
  };
  return (
    <div className="max-h-[40rem] overflow-auto rounded-md border">
      <table className="w-full table-fixed border-collapse font-mono text-xs" aria-label="Side-by-side diff">
        <thead className="sticky top-0 bg-background">
          <tr>
            <th scope="col" className="border-b px-2 py-1 text-left font-sans">
              {labels[0]}
            </th>
            <th scope="col" className="border-b px-2 py-1 text-left font-sans">
              {labels[1]}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} data-kind={row.kind}>
              {cell("left", row.left, row.kind)}
              {cell("right", row.right, row.kind)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
