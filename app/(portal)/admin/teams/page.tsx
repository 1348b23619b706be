import { Users } from "lucide-react";
import { NewTeamDialog } from "@/components/admin/new-team-dialog";
import { TeamMembers } from "@/components/admin/team-members";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listTeams } from "@/lib/teams/data";
import { listUsers } from "@/lib/users/data";
import { countOf } from "@/lib/utils/format";

export const metadata = { title: "Teams · Interchange" };

export default async function TeamsPage() {
  const ctx = await pageCtx();
  const canManage = can(ctx, "team.manage");
  const [teams, people] = await Promise.all([listTeams(ctx), can(ctx, "user.read") ? listUsers(ctx) : Promise.resolve([])]);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Teams"
        description="Teams own domains, systems and interfaces. Members of the owning team act as producers; members of consuming teams approve changes."
        actions={canManage ? <NewTeamDialog /> : null}
      />
      {teams.length === 0 ? (
        <EmptyState icon={Users} title="No teams yet" description="Create a team, add its people, then assign it as owner of domains and systems in the catalog." />
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {teams.map((team) => (
            <Card key={team.id}>
              <CardHeader>
                <CardTitle>{team.name}</CardTitle>
                <CardDescription>
                  <span className="font-mono">{team.slug}</span>
                  {team.contactEmail ? ` · ${team.contactEmail}` : ""} · owns {countOf(team.owns.domains, "domain")}, {countOf(team.owns.systems, "system")}, {countOf(team.owns.interfaces, "interface")}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <TeamMembers team={team} people={people.filter((p) => p.active).map(({ id, name, email }) => ({ id, name, email }))} canManage={canManage} />
              </CardContent>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
