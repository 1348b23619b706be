import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { estateHealth, estateSummary } from "@/lib/catalog/summary";
import { label } from "@/lib/utils/labels";
import { countOf } from "@/lib/utils/format";

export const metadata = { title: "Overview · Interchange" };


export default async function OverviewPage() {
  const ctx = await pageCtx();
  const [summary, health] = await Promise.all([estateSummary(ctx), estateHealth(ctx)]);
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
            <Bars items={summary.byProtocol.map((p) => ({ label: label("Protocol", p.protocol), count: p.count, href: `/catalog?protocol=${p.protocol}` }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Flows by integration style</CardTitle>
            <CardDescription>How data moves between systems</CardDescription>
          </CardHeader>
          <CardContent>
            <Bars items={summary.byStyle.map((s) => ({ label: label("IntegrationStyle", s.style), count: s.count }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Interfaces by kind</CardTitle>
            <CardDescription>APIs, event streams, files and databases</CardDescription>
          </CardHeader>
          <CardContent>
            <Bars items={health.byKind.map((k) => ({ label: label("InterfaceKind", k.value), count: k.count, href: `/catalog?kind=${k.value}` }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Interfaces by style</CardTitle>
            <CardDescription>Event-driven vs request/response vs batch</CardDescription>
          </CardHeader>
          <CardContent>
            <Bars items={health.byInterfaceStyle.map((s) => ({ label: label("IntegrationStyle", s.value), count: s.count, href: `/catalog?style=${s.value}` }))} />
          </CardContent>
        </Card>
        <Card className="md:col-span-2">
          <CardHeader>
            <CardTitle>Interfaces by domain</CardTitle>
            <CardDescription>Where the estate&apos;s interfaces live</CardDescription>
          </CardHeader>
          <CardContent>
            <Bars items={health.byDomain.map((d) => ({ label: d.name, count: d.count, href: `/catalog?domain=${d.id ?? "none"}` }))} />
          </CardContent>
        </Card>
      </div>
      <section aria-labelledby="gaps-title" className="grid gap-4">
        <h2 id="gaps-title" className="text-base font-semibold">
          Governance gaps
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <Gap title="Without an owner" description="Neither the interface nor its system has an owning team." gap={health.unowned} href="/catalog?ownerTeam=none" />
          <Gap title="Without a data contract" description="No contract governs what these interfaces deliver." gap={health.withoutContract} />
          <Gap
            title="Deprecated, still consumed"
            description="Consumers must move before the sunset date."
            gap={{
              count: health.deprecatedConsumed.count,
              items: health.deprecatedConsumed.items.map((d) => ({ ...d, note: `${countOf(d.consumers, "consumer")}${d.sunsetDate ? ` · sunset ${d.sunsetDate}` : ""}` })),
            }}
            href="/catalog?lifecycle=DEPRECATED&sort=consumers"
          />
        </div>
      </section>
    </div>
  );
}


function Gap({ title, description, gap, href }: { title: string; description: string; gap: { count: number; items: { id: string; name: string; note?: string }[] }; href?: string }) {
  return (
    <Card>
      <CardHeader>
        <CardDescription>{title}</CardDescription>
        <CardTitle className="text-3xl tabular-nums">{gap.count.toLocaleString("en")}</CardTitle>
        <p className="text-xs text-muted-foreground">{description}</p>
      </CardHeader>
      <CardContent>
        {gap.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">None. Well governed.</p>
        ) : (
          <ul className="grid gap-1 text-sm" aria-label={title}>
            {gap.items.map((item) => (
              <li key={item.id} className="flex justify-between gap-2">
                <Link href={`/catalog/interfaces/${item.id}`} className="truncate hover:underline">
                  {item.name}
                </Link>
                {item.note ? <span className="shrink-0 text-xs text-muted-foreground">{item.note}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {href && gap.count > gap.items.length ? (
          <Link href={href} className="mt-2 inline-block text-sm text-primary hover:underline">
            See all {gap.count.toLocaleString("en")}
          </Link>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Bars({ items }: { items: { label: string; count: number; href?: string }[] }) {
  if (items.length === 0) return <p className="text-sm text-muted-foreground">Nothing catalogued yet.</p>;
  const max = Math.max(...items.map((i) => i.count));
  return (
    <ul className="grid gap-2">
      {items.map((item) => (
        <li key={item.label} className="grid grid-cols-[9rem_1fr_3rem] items-center gap-3 text-sm">
          {item.href ? (
            <Link href={item.href} className="truncate hover:underline">
              {item.label}
            </Link>
          ) : (
            <span className="truncate">{item.label}</span>
          )}
          <span className="h-2 rounded-full bg-muted" aria-hidden="true">
            <span className="block h-2 rounded-full bg-primary" style={{ width: `${(item.count / max) * 100}%` }} />
          </span>
          <span className="text-right tabular-nums text-muted-foreground">{item.count}</span>
        </li>
      ))}
    </ul>
  );
}
