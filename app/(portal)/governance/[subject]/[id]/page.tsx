import Link from "next/link";
import { notFound } from "next/navigation";
import { PART_LABELS, PartBadges, ScoreBadge } from "@/components/governance/score";
import { ScoreTrendChart } from "@/components/governance/score-trend-chart";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { getScorecard, scoreTrend } from "@/lib/scorecards/data";
import { TrendParams } from "@/lib/scorecards/schemas";
import { countOf } from "@/lib/utils/format";

export const metadata = { title: "Scorecard · Interchange" };
export const dynamic = "force-dynamic";

const DETAIL_PAGES = { interface: "/catalog/interfaces", system: "/catalog/systems", domain: "/catalog/domains", team: null } as const;

export default async function ScorecardPage({ params }: { params: Promise<{ subject: string; id: string }> }) {
  const parsed = TrendParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { subject, id } = parsed.data;
  const ctx = await pageCtx();
  const card = await getScorecard(ctx, subject.toUpperCase() as Uppercase<typeof subject>, id).catch(() => null);
  if (!card) notFound();
  const trend = await scoreTrend(ctx, card.subject, id, 90);
  const detail = DETAIL_PAGES[subject];
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<Link href={`/governance?subject=${card.subject}`} className="hover:underline">Governance</Link>}
        title={<span className="flex items-center gap-3">{card.name} <ScoreBadge score={card.score} /></span>}
        description={<>{subject} scorecard over {countOf(card.interfaces, "interface")}{detail ? <> · <Link href={`${detail}/${id}`} className="underline">open in the catalog</Link></> : null}</>}
      />
      <Card>
        <CardHeader>
          <CardTitle>Worst gaps first</CardTitle>
          <CardDescription>Each part is 0-100; the score is the mean of the parts that could be judged.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <PartBadges parts={card.parts} />
          {card.gaps.length ? (
            <ol className="grid gap-1 text-sm">
              {card.gaps.map((g) => (
                <li key={g.part}><span className="font-medium">{PART_LABELS[g.part as keyof typeof PART_LABELS]}</span> ({g.value}): {g.detail}</li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-muted-foreground">No gaps among the parts that could be judged.</p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Trend, last 90 days</CardTitle>
          <CardDescription>A point is recorded whenever the score or a part changes (after imports and rule changes).</CardDescription>
        </CardHeader>
        <CardContent>
          {trend.length ? <ScoreTrendChart points={trend} /> : <p className="text-sm text-muted-foreground">No history yet: the first point is recorded after the next import or rule change.</p>}
        </CardContent>
      </Card>
    </div>
  );
}
