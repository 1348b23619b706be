import type { Metadata } from "next";
import { Suspense } from "react";
import { forbidden } from "next/navigation";
import { LineageMap } from "@/components/lineage/lineage-map";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Lineage" };

export default async function LineagePage() {
  const ctx = await pageCtx();
  if (!can(ctx, "lineage.read")) forbidden();
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
