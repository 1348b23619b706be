"use client";

import { useState } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import type { ApprovalDto } from "@/lib/contracts/schemas";
import { decisionVariant } from "./labels";
import { label } from "@/lib/utils/labels";

type Decision = "APPROVE" | "REJECT" | "REQUEST_CHANGES";

/** Who must approve, what each decided, and, for a request the viewer may decide, the buttons to do so. */
export function ReviewPanel({ contractId, approvals }: { contractId: string; approvals: ApprovalDto[] }) {
  const [comment, setComment] = useState("");
  const decide = useApiMutation((body: { decision: Decision; comment?: string; approvalId: string }) => ({ path: `/api/v1/contracts/${contractId}/decisions`, method: "POST", body }));
  const mine = approvals.filter((a) => a.canDecide);
  const send = (decision: Decision, approvalId: string) =>
    decide.mutate({ decision, approvalId, ...(comment.trim() ? { comment: comment.trim() } : {}) }, { onSuccess: () => setComment("") });

  return (
    <div className="grid gap-4">
      {approvals.length === 0 ? (
        <p className="text-sm text-muted-foreground">No approvals requested for this version.</p>
      ) : (
        <Table>
          <TableCaption className="sr-only">Required approvals</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Approver</TableHead>
              <TableHead>Decision</TableHead>
              <TableHead>By</TableHead>
              <TableHead>Comment</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {approvals.map((a) => (
              <TableRow key={a.id} aria-label={`Approval by ${a.label}`}>
                <TableCell className="font-medium">{a.label}</TableCell>
                <TableCell>
                  <Badge variant={decisionVariant(a.decision)}>{label("ApprovalDecision", a.decision)}</Badge>
                </TableCell>
                <TableCell className="text-sm">{a.decidedBy?.name ?? "—"}</TableCell>
                <TableCell className="text-sm whitespace-pre-wrap">{a.comment ?? ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {mine.map((a) => (
        <div key={a.id} className="grid gap-3 rounded-md border p-4" role="group" aria-label={`Your decision for ${a.label}`}>
          <p className="text-sm font-medium">Decide for {a.label}</p>
          <FormField label="Comment" description="Required to reject or request changes; added to the discussion.">
            <Textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          </FormField>
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => send("APPROVE", a.id)} disabled={decide.isPending}>
              Approve
            </Button>
            <Button variant="outline" onClick={() => send("REQUEST_CHANGES", a.id)} disabled={decide.isPending}>
              Request changes
            </Button>
            <Button variant="destructive" onClick={() => send("REJECT", a.id)} disabled={decide.isPending}>
              Reject
            </Button>
          </div>
        </div>
      ))}
      {decide.error ? <Alert variant="destructive">{decide.error.message}</Alert> : null}
    </div>
  );
}
