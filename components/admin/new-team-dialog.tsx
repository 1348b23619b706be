"use client";

import { Plus } from "lucide-react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { CreateDialog } from "./create-dialog";

export function NewTeamDialog() {
  return (
    <CreateDialog
      title="New team"
      description="Teams own domains, systems and interfaces, and approve contract changes for what they consume."
      icon={Plus}
      submitLabel="Create team"
      path="/api/v1/teams"
    >
      {(fieldError) => (
        <>
          <FormField label="Name" required error={fieldError("/name")}>
            <Input name="name" autoComplete="off" />
          </FormField>
          <FormField label="Slug" required description="Lowercase, used in URLs and catalog files, e.g. payments-platform." error={fieldError("/slug")}>
            <Input name="slug" autoComplete="off" />
          </FormField>
          <FormField label="Contact email" error={fieldError("/contactEmail")}>
            <Input name="contactEmail" type="email" autoComplete="off" />
          </FormField>
          <FormField label="Description" error={fieldError("/description")}>
            <Textarea name="description" rows={3} />
          </FormField>
        </>
      )}
    </CreateDialog>
  );
}
