import { Badge } from "@/components/ui/badge";
import type { Change } from "@/lib/diff/types";
import { levelVariant } from "./labels";
import { countOf } from "@/lib/utils/format";

const LEVEL_TEXT = { ERR: "breaks consumers", WARN: "may break", INFO: "compatible" } as const;

/** lib/diff's change list, most severe first, each with its level, location and the version it breaks. */
export function ChangeList({ changes, empty = "No changes to the schema." }: { changes: readonly Change[]; empty?: string }) {
  if (changes.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  const order = { ERR: 0, WARN: 1, INFO: 2 } as const;
  const sorted = [...changes].sort((a, b) => order[a.level] - order[b.level] || a.path.localeCompare(b.path));
  const counts = { ERR: 0, WARN: 0, INFO: 0 };
  for (const c of changes) counts[c.level]++;
  return (
    <div className="grid gap-2">
      <p className="text-sm text-muted-foreground" role="status">
        {counts.ERR} breaking, {countOf(counts.WARN, "warning")}, {counts.INFO} compatible
      </p>
      <ul aria-label="Schema changes" className="grid gap-1.5">
        {sorted.map((change) => (
          <li key={`${change.id}|${change.breaksVersion ?? ""}`} className="flex flex-wrap items-start gap-2 rounded-md border px-3 py-2 text-sm">
            <Badge variant={levelVariant(change.level)} title={LEVEL_TEXT[change.level]}>
              {change.level}
            </Badge>
            <span className="min-w-0 flex-1">
              {change.message}
              <span className="block font-mono text-xs break-all text-muted-foreground">
                {change.path}
                {change.breaksVersion ? ` · breaks ${change.breaksVersion}` : ""}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
