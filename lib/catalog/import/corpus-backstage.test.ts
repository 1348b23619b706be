// Acceptance: Backstage's example catalog, one entity per file, imported as one folder (in two orders) gives
// the expected domains, systems, owners, APIs and producer/consumer links; unresolved references are warnings
// naming their file; Groups become teams; a second import changes nothing.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { governanceBacklog } from "@/lib/governance/after-import";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { corporaDir, corpusPath } from "@/lib/testing/corpora";
import { folderFiles, shuffled } from "./corpus-helpers";
import { parseImportSet } from "./import-set";
import { importFiles } from "./service";
import { testLimits } from "./test-helpers";

type Named = { name: string; owner?: string; domain?: string; file: string };
type Expected = {
  domains: Named[];
  systems: Named[];
  apis: (Named & { lifecycle: string; providedBy: string[]; consumedBy: string[] })[];
  groups: { name: string; parent: string | null }[];
  unresolved: { entity: string; ref: string; file: string }[];
};

const database = setupTestDatabase();
const ownerName = (owner: string | undefined) => (owner?.startsWith("user:") ? undefined : owner);

describe.skipIf(!corporaDir)("Backstage corpus (import/backstage)", () => {
  const expected: Expected = corporaDir ? JSON.parse(readFileSync(corpusPath("import/backstage/expected.json"), "utf8")) : ({} as Expected);
  const files = corporaDir ? folderFiles(corpusPath("import/backstage/examples")) : [];

  it("resolves the same catalog whatever the order of the files", async () => {
    const sorted = (doc: unknown) => JSON.stringify(doc, (_k, v: unknown) => (Array.isArray(v) ? [...v].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : v));
    const [a, b] = await Promise.all([files, shuffled(files, 99)].map((set) => parseImportSet(set, { limits: testLimits })));
    expect(sorted(b.catalog)).toBe(sorted(a.catalog));
  });

  // Runs first, while the teams of the example organisation do not exist yet.
  it("a member may import what their team owns; owners that are no team are reported and the rest imports", { timeout: 300_000 }, async () => {
    const prisma = database().prisma;
    const team = await prisma.team.upsert({ where: { slug: "team-a" }, create: { slug: "team-a", name: "Team A" }, update: {} });
    const member = await actAs(database(), "MEMBER", [team.id]);
    const { results } = await importFiles(member, files.filter((f) => /artists|artist-|wayback|audio-playback-system/.test(f.name)));
    expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    const warnings = results.flatMap((r) => r.warnings ?? []).join("\n");
    expect(warnings).toMatch(/systems\/audio-playback-system\.yaml: owner team team-c does not exist and you may not create teams/);
    expect(warnings).toMatch(/audio-playback-system\.yaml: You may not import the new system "audio-playback".*left out/);
    expect(await prisma.system.findUnique({ where: { slug: "audio-playback" } })).toBeNull();
    expect(await prisma.interface.findUnique({ where: { sourceKey: "backstage:api:default/wayback-search" } })).not.toBeNull();
  });
  it("imports the whole folder, shuffled, as Backstage resolves it", { timeout: 300_000 }, async () => {
    const set = shuffled(files);
    const admin = await actAs(database(), "ADMIN");
    const { results } = await importFiles(admin, set);
    expect(results.filter((r) => !r.ok).map((r) => `${r.file}: ${r.error}`)).toEqual([]);
    const prisma = database().prisma;

    for (const d of expected.domains) {
      const row = await prisma.domain.findUnique({ where: { slug: d.name }, include: { ownerTeam: true } });
      expect(row, d.name).not.toBeNull();
      if (ownerName(d.owner)) expect(row!.ownerTeam?.slug, `domain ${d.name}`).toBe(d.owner);
    }
    for (const s of expected.systems) {
      const row = await prisma.system.findUnique({ where: { slug: s.name }, include: { ownerTeam: true, domain: true } });
      expect(row?.domain?.slug, `system ${s.name}`).toBe(s.domain);
      if (ownerName(s.owner)) expect(row!.ownerTeam?.slug, `system ${s.name}`).toBe(s.owner);
    }
    for (const api of expected.apis) {
      const row = await prisma.interface.findUnique({ where: { sourceKey: `backstage:api:default/${api.name}` }, include: { ownerTeam: true, system: true, flows: { include: { consumerSystem: true } } } });
      expect(row?.ownerTeam?.slug, `api ${api.name}`).toBe(api.owner);
      expect(row!.lifecycle).toBe(api.lifecycle === "deprecated" ? "DEPRECATED" : "ACTIVE");
      // A providing component outside any system stands for its own system (named after it).
      if (api.providedBy.length) expect(api.providedBy).toContain(row!.system.slug);
      expect(row!.flows.map((f) => f.consumerSystem.slug).sort()).toEqual([...api.consumedBy].sort());
    }
    for (const g of expected.groups) {
      const team = await prisma.team.findUnique({ where: { slug: g.name }, include: { parentTeam: true } });
      expect(team?.parentTeam?.slug ?? null, `group ${g.name}`).toBe(g.parent);
    }
    // Every unresolved reference is a warning of its own file.
    const warnings = results.flatMap((r) => (r.warnings ?? []).map((w) => `${r.file} ${w}`));
    for (const u of expected.unresolved) {
      const ref = u.ref.replace(/^user:/, "");
      expect(warnings.some((w) => w.startsWith(`${u.file} `) && w.includes(u.file) && w.includes(ref)), `${u.file}: ${u.ref}`).toBe(true);
    }
    // The $text URL definitions are never fetched: the APIs are there, marked as having no definition.
    expect(warnings.find((w) => w.includes("wayback-archive-api.yaml") && /never fetch/.test(w))).toBeDefined();

    // The first import's governance rules run queued after it (and are audited); the second import must add nothing.
    await vi.waitFor(() => expect(governanceBacklog()).toBe(0), { timeout: 120_000, interval: 100 });
    const auditBefore = await prisma.auditEvent.count();
    const again = await importFiles(admin, shuffled(set, 3));
    expect(again.results.flatMap((r) => r.interfaces.filter((i) => i.status !== "unchanged").map((i) => i.name))).toEqual([]);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
  });

});
