import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { createTeam, listTeams, removeMembership, setMembership } from "./data";
import { CreateTeamInput } from "./schemas";

const database = setupTestDatabase();

describe("teams and memberships", () => {
  it("lets an admin create a team and manage its members, each change audited", async () => {
    const admin = await actAs(database(), "ADMIN");
    const member = await actAs(database(), "MEMBER");
    const team = await createTeam(admin, CreateTeamInput.parse({ slug: "payments-platform", name: "Payments Platform" }));
    const withMember = await setMembership(admin, team.id, member.actor!.id, { role: "LEAD" });
    expect(withMember.members).toEqual([expect.objectContaining({ userId: member.actor!.id, role: "LEAD" })]);
    const without = await removeMembership(admin, team.id, member.actor!.id);
    expect(without.members).toEqual([]);
    const actions = (await database().prisma.auditEvent.findMany({ where: { entityId: team.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["team.create", "team.member_add", "team.member_remove"]);
  });

  it("lets everyone read teams but only admins change them", async () => {
    const member = await actAs(database(), "MEMBER");
    expect(Array.isArray(await listTeams(member))).toBe(true);
    await expect(createTeam(member, CreateTeamInput.parse({ slug: "rogue", name: "Rogue" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const architect = await actAs(database(), "ARCHITECT");
    await expect(createTeam(architect, CreateTeamInput.parse({ slug: "rogue", name: "Rogue" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects slugs that are not URL-safe", () => {
    expect(CreateTeamInput.safeParse({ slug: "Payments Team", name: "x" }).success).toBe(false);
  });
});
