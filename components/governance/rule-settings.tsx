"use client";

import { useState, type FormEvent } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RULE_SEVERITIES, type RuleDto } from "@/lib/governance/schemas";
import { label } from "@/lib/utils/labels";

/** One rule in one domain: admins switch it on or off and set its severity; saving re-lints the domain. */
function RuleRow({ rule, domainId, canManage }: { rule: RuleDto; domainId: string; canManage: boolean }) {
  const save = useApiMutation((body: { enabled: boolean; severity: string | null }) => ({ path: "/api/v1/governance/rules", method: "PUT", body: { domainId, rule: rule.code, ...body } }));
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const severity = String(form.get("severity"));
    save.mutate({ enabled: form.get("enabled") === "on", severity: severity === "DEFAULT" ? null : severity }, { onSuccess: () => setSaved(true) });
  }

  return (
    <TableRow>
      <TableCell className="align-top">
        <div className="font-mono text-xs">{rule.code}</div>
        <div className="text-sm text-muted-foreground">{rule.description}</div>
        {save.error ? <Alert variant="destructive" className="mt-2">{save.error.message}</Alert> : null}
      </TableCell>
      <TableCell className="align-top">
        <Badge variant="outline">{rule.ruleset}</Badge>
      </TableCell>
      <TableCell className="align-top">
        <form onSubmit={submit} aria-label={`Setting of ${rule.code}`} className="flex flex-wrap items-center gap-2">
          <fieldset disabled={!canManage || save.isPending} className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="enabled" defaultChecked={rule.enabled} /> Enabled
            </label>
            <Select name="severity" defaultValue={rule.customised && rule.severity !== rule.defaultSeverity ? rule.severity : "DEFAULT"} aria-label={`Severity of ${rule.code}`}>
              <option value="DEFAULT">Default ({label("RuleSeverity", rule.defaultSeverity).toLowerCase()})</option>
              {RULE_SEVERITIES.map((s) => (
                <option key={s} value={s}>{label("RuleSeverity", s)}</option>
              ))}
            </Select>
            {canManage ? <Button type="submit" size="sm" variant="outline">Save</Button> : null}
          </fieldset>
          {saved ? <span role="status" className="text-xs text-success">Saved; the domain was linted again</span> : null}
          {rule.customised ? <Badge variant="info">customised</Badge> : null}
        </form>
      </TableCell>
    </TableRow>
  );
}

export function RuleSettingsTable({ rules, domainId, canManage }: { rules: RuleDto[]; domainId: string; canManage: boolean }) {
  return (
    <Table>
      <caption className="sr-only">Governance rules and how they run in this domain</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Rule</TableHead>
          <TableHead>Ruleset</TableHead>
          <TableHead>In this domain</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rules.map((r) => (
          <RuleRow key={r.code} rule={r} domainId={domainId} canManage={canManage} />
        ))}
      </TableBody>
    </Table>
  );
}
