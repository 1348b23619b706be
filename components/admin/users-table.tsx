"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Alert } from "@/components/ui/alert";
import { ROLES, type UserDto } from "@/lib/users/schemas";
import { formatDateTime } from "@/lib/utils/format";
import { useApiMutation } from "./queries";

type Props = { users: UserDto[]; canManage: boolean; selfId: string };

export function UsersTable({ users, canManage, selfId }: Props) {
  const update = useApiMutation(({ id, ...body }: { id: string; role?: string; active?: boolean }) => ({ path: `/api/v1/users/${id}`, method: "PATCH", body }));
  return (
    <div className="grid gap-3">
      {update.error ? <Alert variant="destructive">{update.error.message}</Alert> : null}
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
                <TableCell className="text-muted-foreground">{user.email}</TableCell>
                <TableCell>
                  {editable ? (
                    <Select
                      aria-label={`Role of ${user.name}`}
                      value={user.role}
                      disabled={update.isPending}
                      onChange={(e) => update.mutate({ id: user.id, role: e.target.value })}
                      wrapperClassName="w-36"
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {role.charAt(0) + role.slice(1).toLowerCase()}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Badge variant="secondary">{user.role}</Badge>
                  )}
                </TableCell>
                <TableCell className="max-w-48 truncate text-muted-foreground">{user.teams.map((t) => t.name).join(", ") || "—"}</TableCell>
                <TableCell className="text-muted-foreground">{[user.hasPassword && "Password", user.sso && "SSO"].filter(Boolean).join(", ") || "—"}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never"}</TableCell>
                <TableCell>
                  {editable ? (
                    <Button variant="outline" size="sm" disabled={update.isPending} onClick={() => update.mutate({ id: user.id, active: !user.active })}>
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
