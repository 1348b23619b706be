"use client";

import { UserPlus } from "lucide-react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { ROLES } from "@/lib/users/schemas";
import { CreateDialog } from "./create-dialog";
import { label } from "@/lib/utils/labels";

export function NewUserDialog() {
  return (
    <CreateDialog
      title="New user"
      description="People who sign in with single sign-on need no password."
      icon={UserPlus}
      submitLabel="Create user"
      path="/api/v1/users"
    >
      {(fieldError) => (
        <>
          <FormField label="Name" required error={fieldError("/name")}>
            <Input name="name" autoComplete="off" />
          </FormField>
          <FormField label="Email" required error={fieldError("/email")}>
            <Input name="email" type="email" autoComplete="off" />
          </FormField>
          <FormField label="Role" error={fieldError("/role")}>
            <Select name="role" defaultValue="MEMBER">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {label("Role", role)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            label="Initial password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters. Leave empty for single sign-on only.`}
            error={fieldError("/password")}
          >
            <Input name="password" type="password" autoComplete="new-password" />
          </FormField>
        </>
      )}
    </CreateDialog>
  );
}
