import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { estateSummary } from "@/lib/catalog/summary";

export const metadata = { title: "Overview · Interchange" };

const STYLE_LABELS: Record<string, string> = { EVENT: "Event-driven", REQUEST_RESPONSE: "Request/response", BATCH: "Batch" };

export default async function OverviewPage() {
  const ctx = await pageCtx();
  const summary = await estateSummary(ctx);
  const tiles = [
    { label: "Domains", value: summary.domains, href: "/catalog" },
    { label: "Systems", value: summary.systems, href: "/catalog" },
    { label: "Interfaces", value: summary.interfaces, href: "/catalog" },
    { label: "Flows", value: summary.flows, href: "/lineage" },
    { label: "Active contracts", value: summary.contracts, href: "/contracts" },
  ];
  return (
    <div className="grid gap-6">
      <PageHeader title={`Welcome, ${ctx.actor!.name.split(" ")[0]}`} description="The shape of your integration estate, from the catalog." />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-5">
        {tiles.map((tile) => (
          <Link key={tile.label} href={tile.href} className="rounded-lg focus-visible:outline-2 focus-visible:outline-ring">
            <Card className="h-full transition-colors hover:bg-muted/40">
              <CardHeader>
                <CardDescription>{tile.label}</CardDescription>
                <CardTitle className="text-3xl tabular-nums">{tile.value.toLocaleString("en")}</CardTitle>
              </CardHeader>
            </Card>
          </Link>
        ))}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Interfaces by protocol</CardTitle>
            <CardDescription>Active and deprecated interfaces</CardDescription>
          </CardHeader>
          <CardContent>
            <Bars items={summary.byProtocol.map((p) => ({ label: p.protocol, count: p.count }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Flows by integration style</CardTitle>
            <CardDescription>How data moves between systems</CardDescription>
          </CardHeader>
          <CardContent>
            <Bars items={summary.byStyle.map((s) => ({ label: STYLE_LABELS[s.style] ?? s.style, count: s.count }))} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function Bars({ items }: { items: { label: string; count: number }[] }) {
  if (items.length === 0) return <p className="text-sm text-muted-foreground">Nothing catalogued yet.</p>;
  const max = Math.max(...items.map((i) => i.count));
  return (
    <ul className="grid gap-2">
      {items.map((item) => (
        <li key={item.label} className="grid grid-cols-[9rem_1fr_3rem] items-center gap-3 text-sm">
          <span className="truncate">{item.label}</span>
          <span className="h-2 rounded-full bg-muted" aria-hidden="true">
            <span className="block h-2 rounded-full bg-primary" style={{ width: `${(item.count / max) * 100}%` }} />
          </span>
          <span className="text-right tabular-nums text-muted-foreground">{item.count}</span>
        </li>
      ))}
    </ul>
  );
}
