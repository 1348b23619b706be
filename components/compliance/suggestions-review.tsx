"use client";

import { Check, X } from "lucide-react";
import { useState } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SuggestionDto } from "@/lib/compliance/schemas";
import { LEVEL_VARIANT } from "./labels";
import { label } from "@/lib/utils/labels";
import { countOf } from "@/lib/utils/format";

type Decision = { fieldIds: string[]; decision: "CONFIRM" | "REJECT"; note?: string };

/** Suggestions with their reasons; the officer ticks rows (or all) and confirms or rejects them in one request. */
export function SuggestionsReview({ items, canDecide }: { items: SuggestionDto[]; canDecide: boolean }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [note, setNote] = useState("");
  const decide = useApiMutation<Decision, { decided: number; flowsReevaluated: number }>((body) => ({ path: "/api/v1/compliance/classification/decisions", method: "POST", body }));
  const allSelected = items.length > 0 && items.every((s) => selected.has(s.fieldId));

  function toggle(id: string) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function submit(decision: Decision["decision"]) {
    decide.mutate({ fieldIds: [...selected], decision, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => setSelected(new Set()) });
  }

  return (
    <div className="grid gap-4">
      {canDecide ? (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Bulk decision">
          <span className="text-sm text-muted-foreground" aria-live="polite">
            {selected.size} selected
          </span>
          <Input aria-label="Note for the audit trail" placeholder="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} className="max-w-72" />
          <Button onClick={() => submit("CONFIRM")} disabled={selected.size === 0 || decide.isPending}>
            <Check aria-hidden="true" /> Confirm selected
          </Button>
          <Button variant="outline" onClick={() => submit("REJECT")} disabled={selected.size === 0 || decide.isPending}>
            <X aria-hidden="true" /> Reject selected
          </Button>
        </div>
      ) : null}
      {decide.error ? <Alert variant="destructive">{decide.error instanceof ApiError ? decide.error.message : "The decision could not be saved"}</Alert> : null}
      {decide.isSuccess ? <Alert variant="success">Saved {countOf(decide.data?.decided ?? 0, "decision")}; {countOf(decide.data?.flowsReevaluated ?? 0, "flow")} re-evaluated.</Alert> : null}
      <Table aria-label="Classification suggestions">
        <TableHeader>
          <TableRow>
            {canDecide ? (
              <TableHead className="w-8">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((s) => s.fieldId)))}
                />
              </TableHead>
            ) : null}
            <TableHead>Field</TableHead>
            <TableHead>Suggested</TableHead>
            <TableHead>Reason</TableHead>
            <TableHead className="text-right">Confidence</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((s) => (
            <TableRow key={s.fieldId}>
              {canDecide ? (
                <TableCell>
                  <input type="checkbox" aria-label={`Select ${s.path} of ${s.interface.name}`} checked={selected.has(s.fieldId)} onChange={() => toggle(s.fieldId)} />
                </TableCell>
              ) : null}
              <TableCell className="max-w-72 whitespace-normal">
                <div className="font-mono text-xs">{s.path}</div>
                <div className="text-xs text-muted-foreground">{s.interface.name}</div>
              </TableCell>
              <TableCell className="whitespace-normal">
                <div className="flex flex-wrap gap-1">
                  <Badge variant={LEVEL_VARIANT[s.level]}>{label("Classification", s.level)}</Badge>
                  {s.personalCategory ? <Badge variant="outline">{s.personalCategory}</Badge> : null}
                  {s.specialCategory ? <Badge variant="destructive">Art. 9: {s.specialCategory}</Badge> : null}
                  {s.criminal ? <Badge variant="destructive">Art. 10</Badge> : null}
                  {s.pciElement ? <Badge variant="warning">PCI: {label("PciElement", s.pciElement)}</Badge> : null}
                </div>
              </TableCell>
              <TableCell className="max-w-md whitespace-normal text-sm">{s.reason}</TableCell>
              <TableCell className="text-right tabular-nums">{Math.round(s.confidence * 100)}%</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
