import Link from "next/link";
import { forbidden } from "next/navigation";
import { AgentsPanel } from "@/components/health/agents-panel";
import { DiscoveredFlows } from "@/components/health/discovered-flows";
import { PageHeader } from "@/components/ui/page-header";
import { listAgents } from "@/lib/agents/data";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listSystems } from "@/lib/catalog/browse";
import { confirmationChoices, listDiscoveredFlows } from "@/lib/health/discovered";

export const metadata = { title: "Agents · Interchange" };
export const dynamic = "force-dynamic";

export default async function AgentsPage() {
  const ctx = await pageCtx();
  if (!can(ctx, "health.read")) forbidden();
  const canManage = can(ctx, "agent.manage");
  const canResolve = can(ctx, "catalog.write");
  const [agents, systems, discovered, choices] = await Promise.all([
    listAgents(ctx),
    canManage ? listSystems(ctx) : Promise.resolve([]),
    listDiscoveredFlows(ctx, { status: "PENDING" }),
    canResolve ? confirmationChoices(ctx) : Promise.resolve({ interfaces: [], systems: [] }),
  ]);
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={
          <Link href="/health" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
            ← Health
          </Link>
        }
        title="Connector agents"
        description="Machines beside brokers and gateways that report per-flow telemetry. An agent silent for three minutes raises an incident."
      />
      <AgentsPanel agents={agents} systems={systems.map((s) => ({ id: s.id, name: s.name }))} canManage={canManage} />
      <section className="grid gap-3" aria-labelledby="discovered">
        <h2 id="discovered" className="text-base font-semibold">
          Discovered flows
        </h2>
        <p className="text-sm text-muted-foreground">Flows agents reported that the catalog does not know. Confirm them as catalog flows, or dismiss them.</p>
        <DiscoveredFlows items={discovered} canResolve={canResolve} interfaces={choices.interfaces} systems={choices.systems} />
      </section>
    </div>
  );
}
