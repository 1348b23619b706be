import { Workflow } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Lineage" };

export default function LineagePage() {
  return (
    <>
      <PageHeader
        title="Lineage"
        description="How data moves through the estate: which interfaces feed which systems, and what a change would affect downstream."
      />
      <EmptyState
        icon={Workflow}
        title="No flows to draw yet"
        description="The lineage graph is built from flows, each linking a producer's interface to a consuming system. Flows appear here when teams declare them in the catalog or connector agents discover them in broker and gateway traffic."
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/catalog">Open the catalog</Link>
          </Button>
        }
      />
    </>
  );
}
