import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/lib/testing/integration";
import { extractDemoSpecs } from "./extract";

const database = setupTestDatabase();

const OPENAPI = `openapi: 3.0.3
info: { title: Ledger, version: 1.0.0 }
paths:
  /entries/{id}:
    get:
      operationId: getEntry
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Entry" }
components:
  schemas:
    Entry: { type: object, properties: { amount: { type: number }, currency: { type: string } } }
`;

describe("extractDemoSpecs", () => {
  it("fills elements, fields and search text for seeded versions, once", async () => {
    const { prisma } = database();
    const system = await prisma.system.create({ data: { slug: "ledger", name: "Ledger" } });
    const api = await prisma.interface.create({
      data: { slug: "ledger-api", name: "Ledger API", description: "Book entries", tags: ["finance"], systemId: system.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE", specFormat: "OPENAPI" },
    });
    await prisma.interfaceVersion.create({ data: { interfaceId: api.id, version: "1.0.0", specFormat: "OPENAPI", spec: OPENAPI, specHash: "h1" } });
    const csv = await prisma.interface.create({
      data: { slug: "ledger-export", name: "Ledger export", systemId: system.id, kind: "FILE", protocol: "SFTP", style: "BATCH", specFormat: "CSV" },
    });
    await prisma.interfaceVersion.create({ data: { interfaceId: csv.id, version: "1", specFormat: "CSV", spec: "id,amount\n", specHash: "h2" } });

    const result = await extractDemoSpecs(prisma);
    expect(result).toMatchObject({ parsed: 1, failed: 0, interfaces: 1 });
    const elements = await prisma.interfaceElement.findMany({ where: { interfaceId: api.id } });
    expect(elements.map((e) => e.name)).toContain("GET /entries/{id}");
    expect(await prisma.interfaceField.count({ where: { interfaceId: api.id, name: "amount" } })).toBeGreaterThan(0);
    const searchText = (await prisma.interface.findUniqueOrThrow({ where: { id: api.id } })).searchText;
    expect(searchText.split("\n")).toEqual(expect.arrayContaining(["Ledger API", "Book entries", "finance", "/entries/{id}", "amount"]));
    expect((await prisma.interface.findUniqueOrThrow({ where: { id: csv.id } })).searchText).toContain("Ledger export");

    const again = await extractDemoSpecs(prisma);
    expect(again).toMatchObject({ parsed: 0, elements: 0, interfaces: 0 });
    expect(await prisma.interfaceElement.count({ where: { interfaceId: api.id } })).toBe(elements.length);
  });
});
