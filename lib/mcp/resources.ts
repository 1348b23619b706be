import "server-only";
import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import type { Ctx } from "@/lib/auth/can";
import { getInterface, getInterfaceSpec } from "@/lib/catalog/interfaces";
import { specMediaType } from "@/lib/catalog/spec-download";
import { getContract } from "@/lib/contracts/data";
import { auditedCall } from "./audit";

const one = (value: string | string[]) => (Array.isArray(value) ? value[0] : value);

function toContents(uri: URL, outcome: Awaited<ReturnType<typeof auditedCall<{ text: string; mimeType: string }>>>): ReadResourceResult {
  // MCP has no error result for resources: a refusal is thrown and reaches the client as a JSON-RPC error.
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return { contents: [{ uri: uri.href, mimeType: outcome.value.mimeType, text: outcome.value.text }] };
}

/** Interface specs and data contracts as resources, read with the caller's permissions. */
export function registerResources(server: McpServer, ctx: Ctx): void {
  server.registerResource(
    "interface-spec",
    new ResourceTemplate("interchange://interfaces/{id}/spec", { list: undefined }),
    { title: "Interface spec", description: "The latest stored spec (OpenAPI, AsyncAPI, ...) of an interface, by id" },
    async (uri, variables) =>
      toContents(
        uri,
        await auditedCall(ctx, "resource", "interface-spec", { uri: uri.href }, async () => {
          const detail = await getInterface(ctx, one(variables.id));
          const latest = detail.versions[0];
          if (!latest) throw new Error(`${detail.name} has no stored spec`);
          const spec = await getInterfaceSpec(ctx, detail.id, latest.id);
          return { text: spec.spec, mimeType: specMediaType(spec.specFormat, spec.spec).type };
        }),
      ),
  );
  server.registerResource(
    "contract",
    new ResourceTemplate("interchange://contracts/{id}", { list: undefined }),
    { title: "Data contract", description: "A data contract version: schema, compatibility mode, SLA, error handling, classification, status", mimeType: "application/json" },
    async (uri, variables) =>
      toContents(
        uri,
        await auditedCall(ctx, "resource", "contract", { uri: uri.href }, async () => ({ text: JSON.stringify(await getContract(ctx, one(variables.id))), mimeType: "application/json" })),
      ),
  );
}
