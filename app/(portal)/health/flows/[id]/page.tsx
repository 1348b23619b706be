import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { DemoTrafficNote } from "@/components/health/demo-traffic-note";
import { FlowHealthView } from "@/components/health/flow-health-view";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { getFlow } from "@/lib/catalog/browse";
import { demoTrafficFlowIds } from "@/lib/demo/traffic-agent";
import { flowSeries, getFlowHealth, listIncidents } from "@/lib/health/read";

export const metadata = { title: "Flow health · Interchange" };
export const dynamic = "force-dynamic";

export default async function FlowHealthPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const ctx = await pageCtx();
  if (!can(ctx, "health.read")) forbidden();
  const flow = await loadOr404(getFlow(ctx, id));
  const [health, series, incidents, demoFlows] = await Promise.all([
    getFlowHealth(ctx, id),
    flowSeries(ctx, id, 6),
    listIncidents(ctx, { flowId: id, state: "ALL", limit: 20 }),
    demoTrafficFlowIds(ctx),
  ]);
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={
          <Link href="/health" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
            ← Health
          </Link>
        }
        title={flow.name}
        description={
          <>
            {flow.producerSystem.name} → {flow.consumerSystem.name} through {flow.interface.name} ·{" "}
            <Link className="underline underline-offset-4" href={`/catalog/flows/${id}`}>
              catalog entry
            </Link>
          </>
        }
      />
      {demoFlows.has(id) ? <DemoTrafficNote scope="flow" /> : null}
      <FlowHealthView flowId={id} initial={{ health, series, incidents }} />
    </div>
  );
}
