"use client";

import type { FormEvent } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";

type Props = { id: string; encryptedInTransit: boolean | null; encryptedAtRest: boolean | null };
const toValue = (v: boolean | null) => (v === null ? "" : v ? "yes" : "no");
const fromValue = (v: FormDataEntryValue | null) => (v === "yes" ? true : v === "no" ? false : null);

/** Encryption in transit and at rest of an interface, "not recorded" until someone says. */
export function InterfaceEncryptionForm({ id, encryptedInTransit, encryptedAtRest }: Props) {
  const save = useApiMutation((body: Record<string, unknown>) => ({ path: `/api/v1/compliance/interfaces/${id}`, method: "PATCH", body }));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({ encryptedInTransit: fromValue(form.get("encryptedInTransit")), encryptedAtRest: fromValue(form.get("encryptedAtRest")) });
  }
  const options = (
    <>
      <option value="">Not recorded</option>
      <option value="yes">Yes</option>
      <option value="no">No</option>
    </>
  );
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3 sm:items-end" aria-label="Encryption">
      <FormField label="Encrypted in transit">
        <Select name="encryptedInTransit" defaultValue={toValue(encryptedInTransit)}>
          {options}
        </Select>
      </FormField>
      <FormField label="Encrypted at rest">
        <Select name="encryptedAtRest" defaultValue={toValue(encryptedAtRest)}>
          {options}
        </Select>
      </FormField>
      <div>
        <Button type="submit" variant="outline" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save encryption"}
        </Button>
      </div>
      {save.error ? <Alert variant="destructive" className="sm:col-span-3">{save.error.message}</Alert> : null}
    </form>
  );
}
