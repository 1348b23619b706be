"use client";

import { Plus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useApiMutation } from "./queries";

export function NewTeamDialog() {
  const [open, setOpen] = useState(false);
  const create = useApiMutation((body: Record<string, string>) => ({ path: "/api/v1/teams", method: "POST", body }));
  const error = create.error instanceof ApiError ? create.error : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = Object.fromEntries([...form.entries()].filter(([, v]) => v !== "")) as Record<string, string>;
    create.mutate(body, { onSuccess: () => setOpen(false) });
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), create.reset())}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden="true" /> New team
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New team</DialogTitle>
          <DialogDescription>Teams own domains, systems and interfaces, and approve contract changes for what they consume.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <FormField label="Name" required error={error?.field("/name")}>
            <Input name="name" autoComplete="off" />
          </FormField>
          <FormField label="Slug" required description="Lowercase, used in URLs and catalog files, e.g. payments-platform." error={error?.field("/slug")}>
            <Input name="slug" autoComplete="off" />
          </FormField>
          <FormField label="Contact email" error={error?.field("/contactEmail")}>
            <Input name="contactEmail" type="email" autoComplete="off" />
          </FormField>
          <FormField label="Description" error={error?.field("/description")}>
            <Textarea name="description" rows={3} />
          </FormField>
          {create.error && !error?.errors.length ? <Alert variant="destructive">{create.error.message}</Alert> : null}
          <DialogFooter>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create team"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
