// The pure parse/resolve step of an import set: plain texts in, plain data out, nothing read from outside the set.
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseImportSet, type ParsedFile } from "./import-set";
import { testLimits } from "./test-helpers";

const api = (name: string, definition: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ${name}\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    ${definition}\n`;
const openapi = (title: string, extra = "") => `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: 1.0.0\n${extra}paths:\n  /pets:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: "../shared/pet.yaml#/Pet"\n`;
const pet = "Pet:\n  type: object\n  properties:\n    name: { type: string }\n";

const failed = (f: ParsedFile) => (f.status === "failed" ? f.error : undefined);

afterEach(() => vi.restoreAllMocks());

describe("parseImportSet", () => {
  it("bundles a relative $ref to another file of the set, in any order, and calls the shared file a fragment", async () => {
    const files = [
      { name: "shared/pet.yaml", content: pet },
      { name: "pets/openapi.yaml", content: openapi("Pets") },
    ];
    for (const set of [files, [...files].reverse()]) {
      const parsed = await parseImportSet(set, { limits: testLimits });
      const byName = new Map(parsed.files.map((f) => [f.file, f]));
      expect(byName.get("shared/pet.yaml")).toMatchObject({ status: "used", note: expect.stringMatching(/fragment/) });
      const doc = byName.get("pets/openapi.yaml");
      expect(doc?.status).toBe("document");
      const iface = doc?.status === "document" ? doc.documents[0].interfaces[0] : undefined;
      expect(iface?.sourceKey).toBe("file:pets/openapi.yaml");
      // The referenced schema's properties are reached through the bundled copy.
      expect(iface?.elements.find((e) => e.name === "GET /pets")?.details).toMatchObject({ responses: [{ code: "200" }] });
      expect(iface?.spec).toContain("x-interchange-bundled");
    }
  });

  it("refuses a $ref that leaves the set or names a file it does not hold, with its pointer and path", async () => {
    const parsed = await parseImportSet([{ name: "pets/openapi.yaml", content: openapi("Pets") }], { limits: testLimits });
    expect(failed(parsed.files[0])).toMatch(/\/paths\/~1pets\/get\/responses\/200\/content\/application~1json\/schema\/\$ref: \$ref '\.\.\/shared\/pet\.yaml#\/Pet' names shared\/pet\.yaml, which is not among the imported files/);
    const outside = await parseImportSet([{ name: "openapi.yaml", content: openapi("Pets") }], { limits: testLimits });
    expect(failed(outside.files[0])).toMatch(/'\.\.\/shared\/pet\.yaml#\/Pet' points outside the imported files/);
  });

  it("reads a Backstage $text definition from the set, and refuses one that points outside it with its path", async () => {
    const inside = await parseImportSet(
      [
        { name: "catalog/api.yaml", content: api("pets", "$text: ./openapi.yaml") },
        { name: "catalog/openapi.yaml", content: openapi("Pets").replace("../shared/pet.yaml#/Pet", "#/components/schemas/Pet") + "components:\n  schemas:\n    Pet: { type: object }\n" },
      ],
      { limits: testLimits },
    );
    expect(inside.files.map((f) => f.status)).toEqual(["catalog", "used"]);
    expect(inside.catalog?.interfaces[0]).toMatchObject({ sourceKey: "backstage:api:default/pets", specFormat: "OPENAPI", elements: expect.arrayContaining([expect.objectContaining({ name: "GET /pets" })]) });

    const outside = await parseImportSet([{ name: "catalog/api.yaml", content: api("pets", "$text: ../../etc/passwd") }], { limits: testLimits });
    expect(failed(outside.files[0])).toBe("line 10: /spec/definition/$text: spec.definition $text '../../etc/passwd' points outside the imported files: imports never fetch files or URLs");
  });

  it("never opens a network connection, even for URL definitions and URL $refs", async () => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const fetch = vi.spyOn(globalThis, "fetch");
    const parsed = await parseImportSet(
      [
        { name: "api.yaml", content: api("remote", "$text: https://example.com/openapi.yaml") },
        { name: "remote.yaml", content: openapi("Remote").replace("../shared/pet.yaml#/Pet", "https://example.com/pet.yaml#/Pet") },
      ],
      { limits: testLimits },
    );
    expect(parsed.catalog?.warnings).toEqual([expect.stringMatching(/^api\.yaml: api:default\/remote: definition \$text https:\/\/example\.com\/openapi\.yaml is a URL; imports never fetch URLs/)]);
    expect(failed(parsed.files[1])).toMatch(/external \$ref 'https:\/\/example\.com\/pet\.yaml#\/Pet' is not allowed/);
    expect(connect).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("identifies a document by its path, or by x-interchange-id, never by its title", async () => {
    const plain = "openapi: 3.0.3\ninfo: { title: Same, version: 1.0.0 }\npaths: {}\n";
    const parsed = await parseImportSet(
      [
        { name: "a/openapi.yaml", content: plain },
        { name: "b/openapi.yaml", content: plain },
        { name: "c/openapi.yaml", content: plain.replace("paths", "x-interchange-id: payments-api\npaths") },
      ],
      { limits: testLimits },
    );
    expect(parsed.files.map((f) => (f.status === "document" ? f.documents[0].interfaces[0].sourceKey : f.status))).toEqual(["file:a/openapi.yaml", "file:b/openapi.yaml", "id:payments-api"]);
  });

  it("gives documents that name no owner, system or domain the importer's choice", async () => {
    const parsed = await parseImportSet([{ name: "o.yaml", content: "openapi: 3.0.3\ninfo: { title: Orphan, version: 1.0.0 }\npaths: {}\n" }], {
      limits: testLimits,
      defaults: { teamSlug: "payments", systemSlug: "payment-hub", domainSlug: "finance" },
    });
    const f = parsed.files[0];
    expect(f.status === "document" && f.documents[0].interfaces[0]).toMatchObject({ ownerTeamSlug: "payments", systemSlug: "payment-hub", domainSlug: "finance" });
  });
});
