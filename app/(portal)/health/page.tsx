import { Activity } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Health" };

export default function HealthPage() {
  return (
    <>
      <PageHeader
        title="Health"
        description="Delivery success, latency, freshness and volume of every flow, measured against the SLA in its data contract."
      />
      <EmptyState
        icon={Activity}
        title="No connector agents are reporting yet"
        description="Health is measured from agent telemetry against each flow's contract SLA. Once an agent running beside a broker or gateway reports, each flow's status, SLA breaches and incidents show here."
      />
    </>
  );
}
