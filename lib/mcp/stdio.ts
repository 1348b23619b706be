// `npm run mcp`: the portal's MCP tools for local clients over stdio. Talks to a running portal's /api/mcp with
// an API token (INTERCHANGE_URL, default http://localhost:3000; INTERCHANGE_TOKEN, else the token of `cli login`).
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { resolveToken } from "../cli/http";
import { bridge } from "./bridge";

const log = (text: string) => process.stderr.write(`${text}\n`);
const url = process.env.INTERCHANGE_URL ?? "http://localhost:3000";
const token = await resolveToken(undefined);
if (!token) {
  log("interchange mcp: no API token; set INTERCHANGE_TOKEN or run `npm run cli -- login`");
  process.exit(1);
}
const remote = new StreamableHTTPClientTransport(new URL("api/mcp", url.endsWith("/") ? url : `${url}/`), { requestInit: { headers: { authorization: `Bearer ${token}` } } });
await bridge(new StdioServerTransport(), remote, log);
