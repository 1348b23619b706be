import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { listScorecards } from "./data";

const database = setupTestDatabase();
let member: Ctx;
beforeAll(async () => {
  member = await actAs(database(), "MEMBER");
});

describe("scorecard facts", () => {
  it("scores an interface from its latest version's lint, its contracts, its flows' health and its open violations", async () => {
    const prisma = database().prisma;
    const team = await prisma.team.create({ data: { slug: "ledger-team", name: "Ledger team" } });
    const domain = await prisma.domain.create({ data: { slug: "money", name: "Money" } });
    const system = await prisma.system.create({ data: { slug: "ledger", name: "Ledger", domainId: domain.id, ownerTeamId: team.id } });
    const iface = await prisma.interface.create({ data: { slug: "postings", name: "Postings API", systemId: system.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE" } });
    const old = await prisma.interfaceVersion.create({ data: { interfaceId: iface.id, version: "1", specFormat: "OPENAPI", spec: "{}", specHash: "a", createdAt: new Date(Date.now() - 60_000) } });
    const latest = await prisma.interfaceVersion.create({ data: { interfaceId: iface.id, version: "2", specFormat: "OPENAPI", spec: "{}", specHash: "b" } });
    await prisma.governanceRun.create({ data: { interfaceVersionId: old.id, interfaceId: iface.id, errors: 4 } });
    await prisma.governanceRun.create({ data: { interfaceVersionId: latest.id, interfaceId: iface.id, errors: 1, warnings: 5 } });
    await prisma.dataContract.create({ data: { interfaceId: iface.id, version: "1.0.0", status: "APPROVED", schemaFormat: "JSON_SCHEMA", schema: "{}" } });
    const [ok, breached, unknown] = await Promise.all(
      ["ok", "breached", "unknown"].map(async (name) => {
        const consumer = await prisma.system.create({ data: { slug: name, name } });
        return prisma.flow.create({ data: { name, interfaceId: iface.id, consumerSystemId: consumer.id, style: "REQUEST_RESPONSE" } });
      }),
    );
    await prisma.flowHealth.createMany({ data: [{ flowId: ok.id, status: "OK" }, { flowId: breached.id, status: "BREACHED" }, { flowId: unknown.id, status: "NO_DATA" }] });
    await prisma.policyViolation.createMany({
      data: [
        { policy: "p", severity: "HIGH", fingerprint: "on-interface", interfaceId: iface.id, message: "m" },
        { policy: "p", severity: "HIGH", fingerprint: "on-flow", flowId: breached.id, message: "m" },
      ],
    });

    const [card] = await listScorecards(member, { subject: "INTERFACE" });
    // Rules from the latest version only (1 error, 5 warnings), health over the flows with data, both violations.
    expect(card).toMatchObject({ id: iface.id, domain: { id: domain.id, name: "Money" }, parts: { rules: 70, contracts: 100, health: 50, violations: 50 } });
    const [teamCard] = await listScorecards(member, { subject: "TEAM" });
    expect(teamCard).toMatchObject({ id: team.id, name: "Ledger team" });
  });
});
