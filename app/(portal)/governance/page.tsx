import { Gauge, ListChecks } from "lucide-react";
import Link from "next/link";
import { ScorecardTable } from "@/components/governance/scorecard-table";
import { ScoreBadge, SUBJECT_LABELS } from "@/components/governance/score";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { listDomains } from "@/lib/catalog/browse";
import { domainLeaderboards, listScorecards } from "@/lib/scorecards/data";
import { ScorecardsQuery, SCORE_SUBJECTS } from "@/lib/scorecards/schemas";
import { cn } from "@/lib/utils/cn";

export const metadata = { title: "Governance · Interchange" };
export const dynamic = "force-dynamic";

type Search = Promise<{ subject?: string; domain?: string }>;

export default async function GovernancePage({ searchParams }: { searchParams: Search }) {
  const ctx = await pageCtx();
  const parsed = ScorecardsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : ScorecardsQuery.parse({});
  const [items, leaderboards, domains] = await Promise.all([listScorecards(ctx, query), domainLeaderboards(ctx), listDomains(ctx)]);
  const href = (subject: string, domain = query.domain) => `/governance?subject=${subject}${domain ? `&domain=${domain}` : ""}`;
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Governance"
        description="Scorecards from the governance rules, contract coverage, SLA health and open policy violations, worst first, so you see where the standards are not followed."
        actions={
          <Button variant="outline" asChild>
            <Link href="/governance/rules">
              <ListChecks aria-hidden="true" /> Rules
            </Link>
          </Button>
        }
      />
      <nav aria-label="Scorecard subject" className="flex flex-wrap gap-2">
        {SCORE_SUBJECTS.map((s) => (
          <Link key={s} href={href(s)} aria-current={s === query.subject ? "page" : undefined}
            className={cn("rounded-md border px-3 py-1 text-sm", s === query.subject ? "bg-primary text-primary-foreground" : "hover:bg-muted")}>
            {SUBJECT_LABELS[s]}
          </Link>
        ))}
        <span className="mx-2 border-l" aria-hidden="true" />
        <Link href={`/governance?subject=${query.subject}`} className={cn("rounded-md px-2 py-1 text-sm", !query.domain ? "font-medium underline" : "hover:underline")}>All domains</Link>
        {domains.map((d) => (
          <Link key={d.id} href={href(query.subject, d.id)} className={cn("rounded-md px-2 py-1 text-sm", query.domain === d.id ? "font-medium underline" : "hover:underline")}>
            {d.name}
          </Link>
        ))}
      </nav>
      <Card>
        <CardHeader>
          <CardTitle>{SUBJECT_LABELS[query.subject]}, worst first</CardTitle>
        </CardHeader>
        <CardContent>
          {items.length ? (
            <ScorecardTable items={items} caption={`${SUBJECT_LABELS[query.subject]} scorecards, worst first`} />
          ) : (
            <EmptyState icon={Gauge} title="No scorecards yet" description="Scorecards appear once interfaces are imported; rule results come from every import." headingLevel="h3" />
          )}
        </CardContent>
      </Card>
      <section aria-labelledby="leaderboards" className="grid gap-4">
        <h2 id="leaderboards" className="text-lg font-semibold">Leaderboard per domain</h2>
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {leaderboards.map((board) => (
            <Card key={board.domain.id}>
              <CardHeader>
                <CardTitle className="flex items-center justify-between gap-2">
                  <Link href={`/governance/domain/${board.domain.id}`} className="hover:underline">{board.domain.name}</Link>
                  <ScoreBadge score={board.score} label={`${board.domain.name} score`} />
                </CardTitle>
              </CardHeader>
              <CardContent>
                <ol className="grid gap-1.5 text-sm">
                  {board.teams.map((team, rank) => (
                    <li key={team.id} className="flex items-center justify-between gap-2">
                      <span><span className="text-muted-foreground tabular-nums">{rank + 1}.</span> <Link href={`/governance/team/${team.id}`} className="hover:underline">{team.name}</Link></span>
                      <ScoreBadge score={team.score} label={`${team.name} score`} />
                    </li>
                  ))}
                </ol>
              </CardContent>
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}
