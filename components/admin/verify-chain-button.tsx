"use client";

import { useMutation } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { apiFetch } from "@/components/api/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AuditVerification } from "@/lib/audit/schemas";
import { countOf } from "@/lib/utils/format";

export function VerifyChainButton() {
  const verify = useMutation({ mutationFn: () => apiFetch<AuditVerification>("/api/v1/audit/verify") });
  const result = verify.data;
  return (
    <div className="grid gap-3">
      <Button variant="outline" onClick={() => verify.mutate()} disabled={verify.isPending}>
        <ShieldCheck aria-hidden="true" /> {verify.isPending ? "Verifying…" : "Verify chain"}
      </Button>
      {result?.ok ? (
        <Alert role="status">
          <AlertTitle>Chain intact</AlertTitle>
          <AlertDescription>All {countOf(result.checked, "event")} match their hashes and link to the one before.</AlertDescription>
        </Alert>
      ) : null}
      {result && !result.ok ? (
        <Alert variant="destructive">
          <AlertTitle>Chain broken at event #{result.firstBroken?.seq}</AlertTitle>
          <AlertDescription>
            {countOf(result.checked, "event")} before it verified; event #{result.firstBroken?.seq}: {result.firstBroken?.reason}.
          </AlertDescription>
        </Alert>
      ) : null}
      {verify.error ? <Alert variant="destructive">{verify.error.message}</Alert> : null}
    </div>
  );
}
