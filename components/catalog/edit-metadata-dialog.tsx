"use client";

import { Pencil } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { InterfaceDetail } from "@/lib/catalog/schemas";

type Option = { id: string; name: string };
type Props = { item: Pick<InterfaceDetail, "id" | "name" | "domain" | "ownerTeam" | "lifecycle" | "sunsetDate" | "description" | "tags">; domains: Option[]; teams: Option[] };

/** Owners, architects and admins change an interface's domain, owner, lifecycle, sunset date, description and tags. */
export function EditMetadataDialog({ item, domains, teams }: Props) {
  const [open, setOpen] = useState(false);
  const save = useApiMutation((body: Record<string, unknown>) => ({ path: `/api/v1/interfaces/${item.id}`, method: "PATCH", body }));
  const error = save.error instanceof ApiError ? save.error : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    save.mutate(
      {
        domainId: text("domainId") || null,
        ownerTeamId: text("ownerTeamId") || null,
        ...(text("transferNote") ? { transferNote: text("transferNote") } : {}),
        lifecycle: text("lifecycle"),
        sunsetDate: text("sunsetDate") || null,
        description: text("description") || null,
        tags: text("tags").split(",").map((t) => t.trim()).filter(Boolean),
      },
      { onSuccess: () => setOpen(false) },
    );
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), save.reset())}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Pencil aria-hidden="true" /> Edit metadata
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit metadata</DialogTitle>
          <DialogDescription>Governance details of {item.name}. Every change is recorded in the audit trail.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <FormField label="Domain" error={error?.field("/domainId")}>
            <Select name="domainId" defaultValue={item.domain?.id ?? ""}>
              <option value="">The system&apos;s domain</option>
              {domains.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            label="Owner team"
            description="Another team is asked first: its lead (or an admin) accepts the transfer."
            error={error?.field("/ownerTeamId")}
          >
            <Select name="ownerTeamId" defaultValue={item.ownerTeam?.id ?? ""}>
              <option value="">The system&apos;s owner</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField label="Note to the receiving team" description="Only for a new owner team." error={error?.field("/transferNote")}>
            <Input name="transferNote" autoComplete="off" />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Lifecycle" error={error?.field("/lifecycle")}>
              <Select name="lifecycle" defaultValue={item.lifecycle}>
                <option value="ACTIVE">Active</option>
                <option value="DEPRECATED">Deprecated</option>
                <option value="RETIRED">Retired</option>
              </Select>
            </FormField>
            <FormField label="Sunset date" description="Required when deprecated." error={error?.field("/sunsetDate")}>
              <Input name="sunsetDate" type="date" defaultValue={item.sunsetDate ?? ""} />
            </FormField>
          </div>
          <FormField label="Description" error={error?.field("/description")}>
            <Textarea name="description" rows={3} defaultValue={item.description ?? ""} />
          </FormField>
          <FormField label="Tags" description="Comma-separated." error={error?.field("/tags")}>
            <Input name="tags" defaultValue={item.tags.join(", ")} autoComplete="off" />
          </FormField>
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
