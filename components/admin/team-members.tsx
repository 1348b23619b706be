"use client";

import { X } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { TeamDto } from "@/lib/teams/schemas";
import { useApiMutation } from "./queries";
import { label } from "@/lib/utils/labels";

type Person = { id: string; name: string; email: string };
type Props = { team: TeamDto; people: Person[]; canManage: boolean };

/** A team's members, with add, change-role and remove for admins. */
export function TeamMembers({ team, people, canManage }: Props) {
  const [userId, setUserId] = useState("");
  const setMember = useApiMutation(({ userId, role }: { userId: string; role: string }) => ({
    path: `/api/v1/teams/${team.id}/members/${userId}`,
    method: "PUT",
    body: { role },
  }));
  const remove = useApiMutation((userId: string) => ({ path: `/api/v1/teams/${team.id}/members/${userId}`, method: "DELETE" }));
  const candidates = people.filter((p) => !team.members.some((m) => m.userId === p.id));
  const error = setMember.error ?? remove.error;

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget).get("role"));
    if (userId) setMember.mutate({ userId, role }, { onSuccess: () => setUserId("") });
  }

  return (
    <div className="grid gap-3">
      {team.members.length === 0 ? <p className="text-sm text-muted-foreground">No members yet.</p> : null}
      <ul className="grid gap-1.5" aria-label={`Members of ${team.name}`}>
        {team.members.map((member) => (
          <li key={member.userId} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-2 text-sm">
            <span className="truncate" title={member.email ?? undefined}>
              {member.name} {member.email && <span className="text-muted-foreground">· {member.email}</span>}
            </span>
            <span className="flex shrink-0 items-center gap-1">
              <Badge variant={member.role === "LEAD" ? "default" : "secondary"}>{label("TeamRole", member.role)}</Badge>
              {canManage ? (
                <Button variant="ghost" size="icon" aria-label={`Remove ${member.name} from ${team.name}`} disabled={remove.isPending} onClick={() => remove.mutate(member.userId)}>
                  <X aria-hidden="true" />
                </Button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {canManage && candidates.length > 0 ? (
        <form onSubmit={add} className="grid grid-cols-[minmax(0,1fr)_6.5rem_auto] items-center gap-2">
          <Select aria-label={`Person to add to ${team.name}`} value={userId} onChange={(e) => setUserId(e.target.value)} wrapperClassName="min-w-0">
            <option value="">Add a person…</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </Select>
          <Select name="role" aria-label="Team role" defaultValue="MEMBER">
            <option value="MEMBER">Member</option>
            <option value="LEAD">Lead</option>
          </Select>
          <Button type="submit" variant="outline" size="sm" disabled={!userId || setMember.isPending}>
            Add
          </Button>
        </form>
      ) : null}
      {error ? <Alert variant="destructive">{error.message}</Alert> : null}
    </div>
  );
}
