"use client";

import { RefreshCw } from "lucide-react";
import { useApiMutation } from "@/components/admin/queries";
import { Button } from "@/components/ui/button";
import { countOf } from "@/lib/utils/format";

type Result = { interfaces: number; suggested: number; carriedOver: number };

/** Runs the suggestion engine again over the whole estate: open suggestions are replaced, decisions kept. */
export function RunSuggestionsButton() {
  const run = useApiMutation<Record<string, never>, Result>(() => ({ path: "/api/v1/compliance/classification/runs", method: "POST", body: {} }));
  return (
    <div className="flex items-center gap-2">
      <span className="text-sm text-muted-foreground" role="status">
        {run.data ? `${countOf(run.data.suggested, "suggestion")} over ${countOf(run.data.interfaces, "interface")}` : run.error ? run.error.message : null}
      </span>
      <Button variant="outline" onClick={() => run.mutate({})} disabled={run.isPending}>
        <RefreshCw aria-hidden="true" /> {run.isPending ? "Running…" : "Run suggestions again"}
      </Button>
    </div>
  );
}
