import { handleMcpRequest } from "@/lib/mcp/http";

// The Model Context Protocol over streamable HTTP (stateless, JSON responses); see lib/mcp. Without sessions
// there is no server-initiated stream to GET or session to DELETE, so Next answers those with 405.
export const POST = (request: Request) => handleMcpRequest(request);
