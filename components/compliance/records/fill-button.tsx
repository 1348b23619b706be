"use client";

import { Wand2 } from "lucide-react";
import { useApiMutation } from "@/components/admin/queries";
import { Button } from "@/components/ui/button";

/** Creates providers and services for catalog vendors that have none yet. */
export function FillFromCatalogButton() {
  const fill = useApiMutation<void, { providersCreated: number; servicesCreated: number }>(() => ({ path: "/api/v1/compliance/records/fill", method: "POST" }));
  return (
    <div className="flex items-center gap-3">
      <Button variant="outline" disabled={fill.isPending} onClick={() => fill.mutate(undefined)}>
        <Wand2 aria-hidden="true" /> Fill from catalog
      </Button>
      {fill.data ? (
        <span role="status" className="text-sm text-muted-foreground">
          {fill.data.providersCreated} providers and {fill.data.servicesCreated} services created.
        </span>
      ) : null}
      {fill.error ? <span role="alert" className="text-sm text-destructive">{fill.error.message}</span> : null}
    </div>
  );
}
