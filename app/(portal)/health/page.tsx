import { Bot } from "lucide-react";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { DemoTrafficNote } from "@/components/health/demo-traffic-note";
import { HealthBoard } from "@/components/health/health-board";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { demoTrafficFlowIds } from "@/lib/demo/traffic-agent";
import { healthBoard } from "@/lib/health/read";

export const metadata = { title: "Health · Interchange" };
export const dynamic = "force-dynamic";

export default async function HealthPage() {
  const ctx = await pageCtx();
  if (!can(ctx, "health.read")) forbidden();
  const [board, demoFlows] = await Promise.all([healthBoard(ctx), demoTrafficFlowIds(ctx)]);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Health"
        description="Delivery success, latency, freshness and volume of every flow, measured from agent telemetry against the SLA in its data contract."
        actions={
          <Button variant="outline" asChild>
            <Link href="/health/agents">
              <Bot aria-hidden="true" /> Agents
            </Link>
          </Button>
        }
      />
      {demoFlows.size ? <DemoTrafficNote scope="board" /> : null}
      <HealthBoard initial={board} canManageAgents={can(ctx, "agent.manage")} demoFlowIds={[...demoFlows]} />
    </div>
  );
}
