import { ListChecks } from "lucide-react";
import Link from "next/link";
import { RuleSettingsTable } from "@/components/governance/rule-settings";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listDomains } from "@/lib/catalog/browse";
import { listRules } from "@/lib/governance/data";
import { cn } from "@/lib/utils/cn";
import { countOf } from "@/lib/utils/format";

export const metadata = { title: "Governance rules · Interchange" };
export const dynamic = "force-dynamic";

export default async function RulesPage({ searchParams }: { searchParams: Promise<{ domain?: string }> }) {
  const ctx = await pageCtx();
  const domains = await listDomains(ctx);
  const wanted = (await searchParams).domain;
  const domain = domains.find((d) => d.id === wanted) ?? domains[0];
  const rules = domain ? await listRules(ctx, domain.id) : [];
  const canManage = can(ctx, "governance.manage");
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<Link href="/governance" className="hover:underline">Governance</Link>}
        title="Rules"
        description={`Spectral's oas and asyncapi rulesets and the portal's own rules run on every import, by can-i-deploy and by \`npm run cli -- lint\`. ${canManage ? "Switch rules on or off and set their severity per domain; every change is audited." : "Administrators set them per domain."}`}
      />
      {domain ? (
        <>
          <nav aria-label="Domain" className="flex flex-wrap gap-2">
            {domains.map((d) => (
              <Link key={d.id} href={`/governance/rules?domain=${d.id}`} aria-current={d.id === domain.id ? "page" : undefined}
                className={cn("rounded-md border px-3 py-1 text-sm", d.id === domain.id ? "bg-primary text-primary-foreground" : "hover:bg-muted")}>
                {d.name}
              </Link>
            ))}
          </nav>
          <Card>
            <CardHeader>
              <CardTitle>{domain.name}</CardTitle>
              <CardDescription>{rules.filter((r) => r.enabled).length} of {countOf(rules.length, "rule")} run in this domain; error-level findings stop can-i-deploy.</CardDescription>
            </CardHeader>
            <CardContent>
              <RuleSettingsTable rules={rules} domainId={domain.id} canManage={canManage} />
            </CardContent>
          </Card>
        </>
      ) : (
        <EmptyState icon={ListChecks} title="No domains yet" description="Rules are set per domain; create domains in the catalog first. Until then every rule runs with its default." />
      )}
    </div>
  );
}
