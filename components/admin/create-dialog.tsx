"use client";

import type { LucideIcon } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { useApiMutation } from "./queries";

type Props = {
  title: string;
  description: string;
  icon: LucideIcon;
  submitLabel: string;
  /** The collection to POST the form's non-empty fields to, e.g. /api/v1/users. */
  path: string;
  /** The form's fields; `fieldError("/email")` gives the server's message for one of them. */
  children: (fieldError: (pointer: string) => string | undefined) => ReactNode;
};

/** A "New …" button opening a form that creates one record through the API and refreshes the page. */
export function CreateDialog({ title, description, icon: Icon, submitLabel, path, children }: Props) {
  const [open, setOpen] = useState(false);
  const create = useApiMutation((body: Record<string, string>) => ({ path, method: "POST", body }));
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
          <Icon aria-hidden="true" /> {title}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          {children((pointer) => error?.field(pointer))}
          {create.error && !error?.errors.length ? <Alert variant="destructive">{create.error.message}</Alert> : null}
          <DialogFooter>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Saving…" : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
