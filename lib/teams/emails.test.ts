import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { createTeam, getTeam, listTeams, setMembership } from "./data";
import { CreateTeamInput } from "./schemas";

const database = setupTestDatabase();

describe("team listings and member emails", () => {
  it("shows member emails to the team's members and user readers, not to every member of the portal", async () => {
    const admin = await actAs(database(), "ADMIN");
    const insider = await actAs(database(), "MEMBER");
    const outsider = await actAs(database(), "MEMBER");
    const team = await createTeam(admin, CreateTeamInput.parse({ slug: "payments", name: "Payments" }));
    await setMembership(admin, team.id, insider.actor!.id, { role: "MEMBER" });
    const insiderView = await getTeam({ ...insider, actor: { ...insider.actor!, teamIds: [team.id] } }, team.id);
    expect(insiderView.members[0].email).toBe(insider.actor!.email);
    expect((await getTeam(await actAs(database(), "COMPLIANCE"), team.id)).members[0].email).toBe(insider.actor!.email);
    const outsiderList = await listTeams(outsider);
    expect(outsiderList.find((t) => t.id === team.id)!.members).toEqual([expect.objectContaining({ name: insiderView.members[0].name, email: null })]);
    expect(JSON.stringify(outsiderList)).not.toContain(insider.actor!.email);
  });
});
