"use client";

import { useState } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Action = "submit" | "activate" | "deprecate" | "retire";
const LABELS: Record<Action, string> = { submit: "Submit for review", activate: "Activate", deprecate: "Deprecate", retire: "Retire" };

/** The producer's lifecycle buttons; activation explains what still blocks it. */
export function LifecycleActions({ contractId, actions, blockers }: { contractId: string; actions: string[]; blockers: string[] }) {
  const [sunsetDate, setSunsetDate] = useState("");
  const move = useApiMutation((body: { action: Action; sunsetDate?: string }) => ({ path: `/api/v1/contracts/${contractId}/transitions`, method: "POST", body }));
  const available = actions.filter((a): a is Action => a in LABELS);
  if (available.length === 0) return null;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end gap-2">
        {available.includes("deprecate") ? (
          <FormField label="Sunset date" className="w-44">
            <Input type="date" value={sunsetDate} onChange={(e) => setSunsetDate(e.target.value)} />
          </FormField>
        ) : null}
        {available.map((action) => (
          <Button
            key={action}
            variant={action === "activate" || action === "submit" ? "default" : "outline"}
            disabled={move.isPending || (action === "activate" && blockers.length > 0)}
            onClick={() => move.mutate({ action, ...(action === "deprecate" && sunsetDate ? { sunsetDate } : {}) })}
          >
            {LABELS[action]}
          </Button>
        ))}
      </div>
      {move.error ? <Alert variant="destructive">{move.error.message}</Alert> : null}
    </div>
  );
}
