import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { getFlowCompliance } from "@/lib/compliance/flows";
import { impact } from "@/lib/lineage/impact";
import { seedEventEstate } from "@/lib/testing/event-estate";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { createToken } from "@/lib/tokens/data";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { bridge } from "./bridge";
import { handleMcpRequest } from "./http";

const database = setupTestDatabase();
let estate: Awaited<ReturnType<typeof seedEventEstate>>;
let consumer: Ctx;
let compliance: Ctx;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  estate = await seedEventEstate(database().prisma);
  consumer = await actAs(database(), "MEMBER", [estate.teams.shipping.id]);
  compliance = await actAs(database(), "COMPLIANCE");
  for (const [name, ctx] of Object.entries({ consumer, compliance })) tokens[name] = (await createToken(ctx, { name: "mcp test", expiresInDays: 1 })).token;
});

/** An SDK client speaking streamable HTTP to the /api/mcp handler, with fetch wired straight to it. */
async function connect(token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL("http://interchange.test/api/mcp"), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : undefined,
    fetch: (input, init) => handleMcpRequest(new Request(input, init)),
  });
  const client = new Client({ name: "interchange-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;

describe("MCP over streamable HTTP", () => {
  it("lists the estate's tools and resources", async () => {
    const client = await connect(tokens.consumer);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ["can_i_deploy", "describe_interface", "diff_documents", "flow_compliance", "flow_health", "impact_of_change", "lint_document", "scorecards", "search_catalog"],
    );
    expect(tools.find((t) => t.name === "impact_of_change")?.inputSchema.required).toEqual(["interface"]);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate).sort()).toEqual(["interchange://contracts/{id}", "interchange://interfaces/{id}/spec"]);
    await client.close();
  });

  it("answers what breaks if orders.placed changes with the impact API's consumers, and audits the call as the token's owner", async () => {
    const client = await connect(tokens.consumer);
    const result = await call(client, "impact_of_change", { interface: "orders.placed" });
    expect(result.isError).toBeFalsy();
    const answer = result.structuredContent as { consumers: { id: string; name: string }[]; ownersToAsk: { name: string }[] };
    const api = await impact(consumer, { interface: estate.ifaces.placed.id, depth: 3 });
    expect(answer.consumers.map((c) => c.id)).toEqual(api.consumers.map((c) => c.id));
    expect(answer.consumers.map((c) => c.name).sort()).toEqual([estate.systems.billing.name, estate.systems.ledger.name, estate.systems.shipping.name].sort());
    expect(answer.ownersToAsk.map((t) => t.name)).toEqual(api.teams.map((t) => t.name));
    const audit = await database().prisma.auditEvent.findFirst({ where: { action: "mcp.tool", actorEmail: consumer.actor!.email }, orderBy: { seq: "desc" } });
    expect(audit?.after).toMatchObject({ name: "impact_of_change", arguments: { interface: "orders.placed" }, outcome: "ok", via: "token" });
    await client.close();
  });

  it("shows a consumer only what the consumer may read, exactly as the REST function does", async () => {
    const asConsumer = await connect(tokens.consumer);
    const asCompliance = await connect(tokens.compliance);
    const flowId = estate.flows.shipping.id;
    const seen = async (client: Client) => ((await call(client, "flow_compliance", { flowId })).structuredContent as { violations: { id: string }[] }).violations.map((v) => v.id);
    expect(await seen(asCompliance)).toEqual([estate.violation.id]);
    expect(await seen(asConsumer)).toEqual([]);
    expect((await getFlowCompliance(consumer, flowId)).violations).toEqual([]);
    await asConsumer.close();
    await asCompliance.close();
  });

  it("refuses a call without a valid token, and reports a refused tool call as an error result", async () => {
    await expect(connect()).rejects.toThrow(/401|Bearer/);
    await expect(connect("ict_not-a-token")).rejects.toThrow(/401|not valid/);
    const client = await connect(tokens.consumer);
    const missing = await call(client, "describe_interface", { interface: "no-such-interface" });
    expect(missing.isError).toBe(true);
    expect(missing.content).toEqual([{ type: "text", text: 'NOT_FOUND: Interface "no-such-interface" not found (give its id, slug or name)' }]);
    await client.close();
  });
});

describe("npm run mcp (stdio)", () => {
  it("relays a local client to /api/mcp with the token's rights", async () => {
    const [clientSide, localSide] = InMemoryTransport.createLinkedPair();
    const remote = new StreamableHTTPClientTransport(new URL("http://interchange.test/api/mcp"), {
      requestInit: { headers: { authorization: `Bearer ${tokens.consumer}` } },
      fetch: (input, init) => handleMcpRequest(new Request(input, init)),
    });
    await bridge(localSide, remote, () => {});
    const client = new Client({ name: "stdio-test", version: "1.0.0" });
    await client.connect(clientSide);
    const result = await call(client, "describe_interface", { interface: "orders.placed" });
    expect(result.structuredContent).toMatchObject({ name: "orders.placed", kind: "EVENT", ownerTeam: estate.teams.orders.name, system: estate.systems.orders.name });
    expect((result.structuredContent as { consumers: { team: string }[] }).consumers.map((c) => c.team).sort()).toEqual([estate.teams.billing.name, estate.teams.shipping.name].sort());
    await client.close();
  });
});
