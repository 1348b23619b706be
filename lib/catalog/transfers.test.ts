import { beforeEach, describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { seedCatalogFixture } from "./fixtures";
import { getInterface, updateInterfaceMetadata } from "./interfaces";
import { UpdateInterfaceMetadataInput } from "./schemas";
import { decideTransfer } from "./transfers";

const database = setupTestDatabase();
let fixture: Awaited<ReturnType<typeof seedCatalogFixture>>;
// A fresh estate per test: each one leaves a transfer open or settled.
beforeEach(async () => {
  fixture = await seedCatalogFixture(database().prisma);
});

const edit = (input: unknown) => UpdateInterfaceMetadataInput.parse(input);
const ownerOf = async (id: string) => (await database().prisma.interface.findUniqueOrThrow({ where: { id } })).ownerTeamId;
const actions = async (id: string) => (await database().prisma.auditEvent.findMany({ where: { entityId: id }, orderBy: { seq: "asc" } })).map((e) => e.action);

/** The payments team (owner of the Payments API through its system) asks the shipping team to take it over. */
async function askShipping(note?: string) {
  const producer = await actAs(database(), "MEMBER", [fixture.teams.payTeam.id]);
  const id = fixture.ids["Payments API"];
  const detail = await updateInterfaceMetadata(producer, id, edit({ ownerTeamId: fixture.teams.shipTeam.id, transferNote: note }));
  return { producer, id, detail, transferId: detail.pendingTransfer!.id };
}

describe("giving an interface to another team", () => {
  it("becomes a request: the owner stays, the receiving team's lead is notified, the request is audited", async () => {
    const lead = await actAs(database(), "MEMBER", [], [fixture.teams.shipTeam.id]);
    const { producer, id, detail } = await askShipping("We no longer run the ledger");
    expect(await ownerOf(id)).toBeNull();
    expect(detail.ownerTeam?.id).toBe(fixture.teams.payTeam.id);
    expect(detail.pendingTransfer).toMatchObject({ toTeam: { id: fixture.teams.shipTeam.id }, fromTeam: { id: fixture.teams.payTeam.id }, note: "We no longer run the ledger", canDecide: false, canCancel: true });
    const told = await database().prisma.notification.findMany({ where: { userId: lead.actor!.id } });
    expect(told).toEqual([expect.objectContaining({ kind: "interface.transfer_requested", link: `/catalog/interfaces/${id}` })]);
    expect(await database().prisma.notification.count({ where: { userId: producer.actor!.id } })).toBe(0);
    expect(await actions(id)).toEqual(["interface.transfer_request", "interface.update"]);
    expect((await getInterface(lead, id)).pendingTransfer?.canDecide).toBe(true);
  });

  it("moves the interface when a lead of the receiving team accepts, and tells the giving team", async () => {
    const { producer, id, transferId } = await askShipping();
    const lead = await actAs(database(), "MEMBER", [], [fixture.teams.shipTeam.id]);
    const decided = await decideTransfer(lead, transferId, { decision: "ACCEPT" });
    expect(decided).toMatchObject({ status: "ACCEPTED", ownerTeam: { id: fixture.teams.shipTeam.id } });
    expect(await ownerOf(id)).toBe(fixture.teams.shipTeam.id);
    expect((await getInterface(producer, id)).canEdit).toBe(false);
    expect(await database().prisma.notification.findMany({ where: { userId: producer.actor!.id } })).toEqual([expect.objectContaining({ kind: "interface.transfer_accepted" })]);
    const accepted = await database().prisma.auditEvent.findFirst({ where: { entityId: id, action: "interface.transfer_accept" } });
    expect(accepted).toMatchObject({ actorId: lead.actor!.id, after: expect.objectContaining({ ownerTeamId: fixture.teams.shipTeam.id, status: "ACCEPTED" }) });
  });

  it("lets a platform admin accept for the receiving team", async () => {
    const { id, transferId } = await askShipping();
    const admin = await actAs(database(), "ADMIN");
    await decideTransfer(admin, transferId, { decision: "ACCEPT" });
    expect(await ownerOf(id)).toBe(fixture.teams.shipTeam.id);
  });

  it.each([
    { who: "the requesting producer", make: () => actAs(database(), "MEMBER", [fixture.teams.payTeam.id]) },
    { who: "a plain member of the receiving team", make: () => actAs(database(), "MEMBER", [fixture.teams.shipTeam.id]) },
    { who: "a lead of another team", make: () => actAs(database(), "MEMBER", [], [fixture.teams.payTeam.id]) },
    { who: "an architect", make: () => actAs(database(), "ARCHITECT") },
    { who: "a compliance officer", make: () => actAs(database(), "COMPLIANCE") },
  ])("refuses acceptance by $who and changes nothing", async ({ make }) => {
    const { id, transferId } = await askShipping();
    const ctx = await make();
    await expect(decideTransfer(ctx, transferId, { decision: "ACCEPT" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideTransfer(ctx, transferId, { decision: "DECLINE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await ownerOf(id)).toBeNull();
    expect(await actions(id)).not.toContain("interface.transfer_accept");
  });

  it("keeps the owner when the lead declines, and a decided transfer cannot be decided again", async () => {
    const { producer, id, transferId } = await askShipping();
    const lead = await actAs(database(), "MEMBER", [], [fixture.teams.shipTeam.id]);
    expect(await decideTransfer(lead, transferId, { decision: "DECLINE", note: "Not our domain" })).toMatchObject({ status: "DECLINED", ownerTeam: { id: fixture.teams.payTeam.id } });
    expect(await ownerOf(id)).toBeNull();
    expect((await getInterface(producer, id)).pendingTransfer).toBeNull();
    await expect(decideTransfer(lead, transferId, { decision: "ACCEPT" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await actions(id)).toContain("interface.transfer_decline");
  });

  it("lets the requester cancel, refuses a second request while one is open, and a stranger may not cancel", async () => {
    const { producer, id, transferId } = await askShipping();
    await expect(updateInterfaceMetadata(producer, id, edit({ ownerTeamId: fixture.teams.shipTeam.id }))).rejects.toMatchObject({ code: "CONFLICT" });
    const stranger = await actAs(database(), "MEMBER", [fixture.teams.shipTeam.id]);
    await expect(decideTransfer(stranger, transferId, { decision: "CANCEL" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await decideTransfer(producer, transferId, { decision: "CANCEL" })).toMatchObject({ status: "CANCELLED" });
    expect(await ownerOf(id)).toBeNull();
  });

  it("moves at once when the one asking leads the receiving team", async () => {
    const both = await actAs(database(), "MEMBER", [fixture.teams.payTeam.id], [fixture.teams.shipTeam.id]);
    const id = fixture.ids["Payment Events"];
    const detail = await updateInterfaceMetadata(both, id, edit({ ownerTeamId: fixture.teams.shipTeam.id }));
    expect(detail.ownerTeam?.id).toBe(fixture.teams.shipTeam.id);
    expect(detail.pendingTransfer).toBeNull();
    expect(await actions(id)).toEqual(["interface.transfer_request", "interface.transfer_accept", "interface.update"]);
  });

  it("asks the platform admins when the receiving team has no lead", async () => {
    const admin = await actAs(database(), "ADMIN");
    const architect = await actAs(database(), "ARCHITECT");
    const id = fixture.ids["Customer Sync"];
    const detail = await updateInterfaceMetadata(architect, id, edit({ ownerTeamId: fixture.teams.payTeam.id }));
    expect(detail.ownerTeam).toBeNull();
    expect(detail.pendingTransfer).toMatchObject({ fromTeam: null, toTeam: { id: fixture.teams.payTeam.id } });
    expect(await database().prisma.notification.count({ where: { userId: admin.actor!.id, kind: "interface.transfer_requested" } })).toBe(1);
  });

  it("refuses a team that does not own the interface, writing nothing", async () => {
    const stranger = await actAs(database(), "MEMBER", [fixture.teams.shipTeam.id]);
    const id = fixture.ids["Payments API"];
    await expect(updateInterfaceMetadata(stranger, id, edit({ ownerTeamId: fixture.teams.shipTeam.id }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await database().prisma.interfaceTransfer.count({ where: { interfaceId: id } })).toBe(0);
  });
});
