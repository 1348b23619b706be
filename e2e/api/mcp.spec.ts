import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { expect, test } from "@playwright/test";
import { bearer, expectProblem, tokenFor } from "./helpers";

/** The SDK's own client, speaking streamable HTTP to the running portal's /api/mcp with a demo user's token. */
async function mcpClient(baseURL: string, token: string): Promise<Client> {
  const client = new Client({ name: "interchange-e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL("/api/mcp", baseURL), { requestInit: { headers: bearer(token) } }));
  return client;
}

const structured = async (client: Client, name: string, args: Record<string, unknown>) => {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as Record<string, unknown>;
};

type Violation = { id: string; flowId?: string };

test.describe("MCP at /api/mcp", () => {
  test("lists the tools and answers what breaks if order.placed.v1 changes with the impact API's consumers", async ({ request, baseURL }) => {
    const token = await tokenFor(request, "consumer");
    const client = await mcpClient(baseURL!, token);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(["search_catalog", "describe_interface", "impact_of_change", "flow_health", "diff_documents", "flow_compliance", "can_i_deploy"]));

    const answer = (await structured(client, "impact_of_change", { interface: "order.placed.v1" })) as { interface: { id: string }; consumers: { id: string }[] };
    const rest = await (await request.get(`/api/v1/lineage/impact?interface=${answer.interface.id}`, { headers: bearer(token) })).json();
    expect(answer.consumers.length).toBeGreaterThan(0);
    expect(answer.consumers.map((c) => c.id)).toEqual(rest.consumers.map((c: { id: string }) => c.id));
    await client.close();
  });

  test("a consumer's token reads through MCP only what the REST API lets the consumer read", async ({ request, baseURL }) => {
    const [consumer, compliance] = [await tokenFor(request, "consumer"), await tokenFor(request, "compliance")];
    const all: Violation[] = (await (await request.get("/api/v1/compliance/violations", { headers: bearer(compliance) })).json()).items;
    const visible = new Set(((await (await request.get("/api/v1/compliance/violations", { headers: bearer(consumer) })).json()).items as Violation[]).map((v) => v.id));
    const hidden = all.find((v) => v.flowId && !visible.has(v.id));
    expect(hidden, "the demo estate has a violation the consumer may not see").toBeTruthy();

    const asConsumer = await mcpClient(baseURL!, consumer);
    const asCompliance = await mcpClient(baseURL!, compliance);
    const viaMcp = async (client: Client) => ((await structured(client, "flow_compliance", { flowId: hidden!.flowId })).violations as Violation[]).map((v) => v.id);
    expect(await viaMcp(asCompliance)).toContain(hidden!.id);
    const consumerSees = await viaMcp(asConsumer);
    expect(consumerSees).not.toContain(hidden!.id);
    const rest = await (await request.get(`/api/v1/compliance/flows/${hidden!.flowId}`, { headers: bearer(consumer) })).json();
    expect(consumerSees).toEqual(rest.violations.map((v: Violation) => v.id));
    await asConsumer.close();
    await asCompliance.close();
  });

  test("refuses a request without a token as problem+json", async ({ request }) => {
    const response = await request.post("/api/mcp", { data: { jsonrpc: "2.0", id: 1, method: "tools/list" }, headers: { accept: "application/json, text/event-stream" } });
    const problem = await expectProblem(response, 401);
    expect(problem.detail).toMatch(/Bearer/);
  });
});
