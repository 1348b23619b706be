import type { Endpoint } from "@/lib/api/openapi";
import { GlobalSearchQuery, GlobalSearchResult } from "./schemas";

export const searchEndpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/search",
    tags: ["Catalog"],
    summary: "Search everything by name, forgiving typos: domains, systems, interfaces, flows, contracts and fields (the portal's Ctrl+K)",
    request: { query: GlobalSearchQuery },
    ok: { status: 200, schema: GlobalSearchResult, description: "Hits, best first, at most `limit` per kind" },
    errors: [401, 422],
  },
];
