"use client";

import { useState, type FormEvent } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Props = { system: { id: string; name: string; hostingCountries: string[]; processingCountries: string[]; pciScope: boolean } };
const codes = (value: string) => value.split(",").map((v) => v.trim()).filter(Boolean);

/** Hosting and processing countries and PCI scope of one system. */
export function SystemResidencyDialog({ system }: Props) {
  const [open, setOpen] = useState(false);
  const save = useApiMutation((body: Record<string, unknown>) => ({ path: `/api/v1/compliance/systems/${system.id}`, method: "PATCH", body }));
  const error = save.error instanceof ApiError ? save.error : null;
  // Errors point at array items ("/hostingCountries/1"); show them under the list they belong to.
  const fieldError = (name: string) => error?.errors.find((e) => e.pointer === `/${name}` || e.pointer.startsWith(`/${name}/`))?.message;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate(
      { hostingCountries: codes(String(form.get("hostingCountries"))), processingCountries: codes(String(form.get("processingCountries"))), pciScope: form.get("pciScope") === "on" },
      { onSuccess: () => setOpen(false) },
    );
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), save.reset())}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit residency of ${system.name}`}>
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Residency of {system.name}</DialogTitle>
          <DialogDescription>ISO 3166 alpha-2 codes, comma-separated. Saving re-evaluates the policies for its flows.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <FormField label="Hosting countries" error={fieldError("hostingCountries")}>
            <Input name="hostingCountries" defaultValue={system.hostingCountries.join(", ")} autoComplete="off" />
          </FormField>
          <FormField label="Processing countries" error={fieldError("processingCountries")}>
            <Input name="processingCountries" defaultValue={system.processingCountries.join(", ")} autoComplete="off" />
          </FormField>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="pciScope" defaultChecked={system.pciScope} /> In PCI DSS scope (cardholder data environment)
          </label>
          {save.error && !error?.errors.length ? <Alert variant="destructive">{save.error.message}</Alert> : null}
          <DialogFooter>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
