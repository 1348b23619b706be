import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { ScorecardDto } from "@/lib/scorecards/schemas";

export const PART_LABELS = { rules: "Rules", contracts: "Contracts", health: "SLA health", violations: "Violations" } as const;
export const SUBJECT_LABELS = { INTERFACE: "Interfaces", SYSTEM: "Systems", TEAM: "Teams", DOMAIN: "Domains" } as const;

const variantOf = (score: number | null): BadgeVariant => (score === null ? "outline" : score >= 80 ? "success" : score >= 50 ? "warning" : "destructive");

/** A 0-100 score, tinted; "n/a" when nothing could be judged. */
export function ScoreBadge({ score, label }: { score: number | null; label?: string }) {
  return (
    <Badge variant={variantOf(score)} aria-label={`${label ?? "Score"}: ${score === null ? "not judged" : `${score} of 100`}`}>
      {score === null ? "n/a" : score}
    </Badge>
  );
}

export function PartBadges({ parts }: { parts: ScorecardDto["parts"] }) {
  return (
    <div className="flex flex-wrap gap-1.5">
      {(Object.keys(PART_LABELS) as (keyof typeof PART_LABELS)[]).map((p) => (
        <span key={p} className="inline-flex items-center gap-1 text-xs text-muted-foreground">
          {PART_LABELS[p]} <ScoreBadge score={parts[p]} label={PART_LABELS[p]} />
        </span>
      ))}
    </div>
  );
}
