"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Alert } from "@/components/ui/alert";
import { ROLES, type UserDto } from "@/lib/users/schemas";
import { formatDateTime } from "@/lib/utils/format";
import { useApiMutation } from "./queries";
import { label } from "@/lib/utils/labels";

type Props = { users: UserDto[]; canManage: boolean; selfId: string };
type Change = { user: UserDto; role?: string; active?: boolean };

const roleName = (role: string) => label("Role", role);

/** What a change does, in words, for the confirmation. */
function describe({ user, role, active }: Change): string {
  if (role) return `${user.name} becomes ${roleName(role)} (now ${roleName(user.role)}). Their rights change at their next request.`;
  return active ? `${user.name} can sign in again.` : `${user.name} can no longer sign in, and their API tokens stop working.`;
}

export function UsersTable({ users, canManage, selfId }: Props) {
  const update = useApiMutation(({ id, ...body }: { id: string; role?: string; active?: boolean }) => ({ path: `/api/v1/users/${id}`, method: "PATCH", body }));
  // Role and status changes are asked for confirmation: a mis-click in a select would otherwise grant admin rights.
  const [pending, setPending] = useState<Change | null>(null);
  return (
    <div className="grid gap-3">
      {update.error ? <Alert variant="destructive">{update.error.message}</Alert> : null}
      <Dialog open={pending !== null} onOpenChange={(open) => (open ? null : setPending(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{pending?.role ? "Change role?" : pending?.active ? "Reactivate user?" : "Deactivate user?"}</DialogTitle>
            <DialogDescription>{pending ? describe(pending) : null}</DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setPending(null)}>
              Cancel
            </Button>
            <Button
              onClick={() => {
                if (pending) update.mutate({ id: pending.user.id, role: pending.role, active: pending.active });
                setPending(null);
              }}
            >
              Confirm
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Teams</TableHead>
            <TableHead>Sign-in</TableHead>
            <TableHead>Last sign-in</TableHead>
            <TableHead>Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => {
            const editable = canManage && user.id !== selfId;
            return (
              <TableRow key={user.id}>
                <TableCell className="font-medium whitespace-nowrap">{user.name}</TableCell>
                <TableCell className="break-all text-muted-foreground">{user.email}</TableCell>
                <TableCell>
                  {editable ? (
                    <Select
                      aria-label={`Role of ${user.name}`}
                      value={user.role}
                      disabled={update.isPending}
                      onChange={(e) => setPending({ user, role: e.target.value })}
                      wrapperClassName="w-36"
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {roleName(role)}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Badge variant="secondary">{roleName(user.role)}</Badge>
                  )}
                </TableCell>
                <TableCell className="max-w-48 truncate text-muted-foreground">{user.teams.map((t) => t.name).join(", ") || "—"}</TableCell>
                <TableCell className="text-muted-foreground">{[user.hasPassword && "Password", user.sso && "SSO"].filter(Boolean).join(", ") || "—"}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never"}</TableCell>
                <TableCell>
                  {editable ? (
                    <Button variant="outline" size="sm" disabled={update.isPending} onClick={() => setPending({ user, active: !user.active })}>
                      {user.active ? "Deactivate" : "Reactivate"}
                    </Button>
                  ) : (
                    <Badge variant={user.active ? "secondary" : "outline"}>{user.active ? "Active" : "Inactive"}</Badge>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
