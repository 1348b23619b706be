import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Ctx } from "@/lib/auth/can";
import { registerResources } from "./resources";
import { registerTools } from "./tools";

/**
 * The portal's MCP server for one caller: every tool and resource answers as `ctx`, through the same lib/
 * functions (and so the same can() checks) as the REST API. One per request over HTTP; one per process on stdio.
 */
export function createMcpServer(ctx: Ctx): McpServer {
  const server = new McpServer(
    { name: "interchange", version: "1.0.0" },
    {
      instructions:
        "Interchange is the catalog of an enterprise's APIs and events: owners, consumers, data contracts, SLA health and compliance. " +
        "Name interfaces by id, slug or name. Ask impact_of_change before changing an interface, and can_i_deploy before shipping one.",
    },
  );
  registerTools(server, ctx);
  registerResources(server, ctx);
  return server;
}
