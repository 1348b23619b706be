import { handleMcpRequest } from "@/lib/mcp/http";

// The Model Context Protocol over streamable HTTP (stateless, JSON responses); see lib/mcp.
export const POST = (request: Request) => handleMcpRequest(request);
export const GET = (request: Request) => handleMcpRequest(request);
export const DELETE = (request: Request) => handleMcpRequest(request);
