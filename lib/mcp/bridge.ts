// `npm run mcp`'s core: relays JSON-RPC between a local transport (stdio) and the portal's /api/mcp, so a local
// MCP client gets exactly the server's tools and rights without opening the database itself.
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

const idOf = (message: JSONRPCMessage) => ("id" in message && "method" in message ? message.id : undefined);

export async function bridge(local: Transport, remote: Transport, log: (text: string) => void): Promise<void> {
  local.onmessage = (message) => {
    remote.send(message).catch(async (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      // A request must be answered, or the client waits forever.
      const id = idOf(message);
      if (id !== undefined) await local.send({ jsonrpc: "2.0", id, error: { code: -32000, message: `Interchange server: ${text}` } });
    });
  };
  remote.onmessage = (message) => void local.send(message);
  remote.onerror = (error) => log(`interchange mcp: ${error.message}`);
  local.onclose = () => void remote.close();
  await remote.start();
  await local.start();
}
