"use client";

import { useState, type FormEvent } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { SEVERITIES } from "@/lib/compliance/policies";
import { LEVEL_VALUES, type PolicyDto } from "@/lib/compliance/schemas";
import { label } from "@/lib/utils/labels";

type Option = { id: string; name: string };

/** One policy: admins switch it on or off, set its severity, its threshold and the systems it exempts. */
export function PolicySettingsCard({ policy, systems, canManage }: { policy: PolicyDto; systems: Option[]; canManage: boolean }) {
  const save = useApiMutation((body: Record<string, unknown>) => ({ path: `/api/v1/compliance/policies/${policy.key}`, method: "PATCH", body }));
  const [saved, setSaved] = useState(false);
  const error = save.error instanceof ApiError ? save.error : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    save.mutate(
      {
        enabled: form.get("enabled") === "on",
        severity: String(form.get("severity")),
        exemptSystemIds: form.getAll("exemptSystemIds").map(String),
        ...(policy.minLevel ? { minLevel: String(form.get("minLevel")) } : {}),
      },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {policy.title}
          <Badge variant={policy.enabled ? "success" : "outline"}>{policy.enabled ? "enabled" : "disabled"}</Badge>
          <Badge variant="secondary">{policy.violations} open</Badge>
        </CardTitle>
        <CardDescription>{policy.description}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-4" aria-label={`Settings of ${policy.title}`}>
          <fieldset disabled={!canManage} className="grid gap-4 sm:grid-cols-3 sm:items-start">
            <label className="flex items-center gap-2 text-sm sm:pt-7">
              <input type="checkbox" name="enabled" defaultChecked={policy.enabled} /> Enabled
            </label>
            <FormField label="Severity" error={error?.field("/severity")}>
              <Select name="severity" defaultValue={policy.severity}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {label("PolicySeverity", s)}
                  </option>
                ))}
              </Select>
            </FormField>
            {policy.minLevel ? (
              <FormField label="Applies from" error={error?.field("/minLevel")}>
                <Select name="minLevel" defaultValue={policy.minLevel}>
                  {LEVEL_VALUES.map((l) => (
                    <option key={l} value={l}>
                      {label("Classification", l)}
                    </option>
                  ))}
                </Select>
              </FormField>
            ) : null}
            <FormField label="Exempt systems" description="Flows from or to these are not checked." error={error?.field("/exemptSystemIds")} className="sm:col-span-3">
              <Select name="exemptSystemIds" multiple defaultValue={policy.exemptSystems.map((s) => s.id)} className="h-28">
                {systems.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </FormField>
          </fieldset>
          {save.error && !error?.errors.length ? <Alert variant="destructive">{save.error.message}</Alert> : null}
          {saved && !save.isPending ? <Alert variant="success">Saved; the estate was re-evaluated.</Alert> : null}
          {canManage ? (
            <div>
              <Button type="submit" variant="outline" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save"}
              </Button>
            </div>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
