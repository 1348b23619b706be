"use client";

import { UserPlus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { ROLES } from "@/lib/users/schemas";
import { useApiMutation } from "./queries";

export function NewUserDialog() {
  const [open, setOpen] = useState(false);
  const create = useApiMutation((body: Record<string, string>) => ({ path: "/api/v1/users", method: "POST", body }));
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
          <UserPlus aria-hidden="true" /> New user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New user</DialogTitle>
          <DialogDescription>People who sign in with single sign-on need no password.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <FormField label="Name" required error={error?.field("/name")}>
            <Input name="name" autoComplete="off" />
          </FormField>
          <FormField label="Email" required error={error?.field("/email")}>
            <Input name="email" type="email" autoComplete="off" />
          </FormField>
          <FormField label="Role" error={error?.field("/role")}>
            <Select name="role" defaultValue="MEMBER">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role.charAt(0) + role.slice(1).toLowerCase()}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField label="Initial password" description={`At least ${MIN_PASSWORD_LENGTH} characters. Leave empty for single sign-on only.`} error={error?.field("/password")}>
            <Input name="password" type="password" autoComplete="new-password" />
          </FormField>
          {create.error && !error?.errors.length ? <Alert variant="destructive">{create.error.message}</Alert> : null}
          <DialogFooter>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create user"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
