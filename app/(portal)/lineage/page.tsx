import type { Metadata } from "next";
import { Suspense } from "react";
import { LineageMap } from "@/components/lineage/lineage-map";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Lineage" };

export default async function LineagePage() {
  const ctx = await pageCtx();
  if (!can(ctx, "lineage.read")) return <Forbidden />;
  return (
    <div className="grid gap-4">
      <PageHeader
        title="Lineage"
        description="How data moves through the estate: which interfaces feed which systems, and what a change would affect downstream."
      />
      <Suspense fallback={<p className="text-sm text-muted-foreground">Loading the map…</p>}>
        <LineageMap />
      </Suspense>
    </div>
  );
}
