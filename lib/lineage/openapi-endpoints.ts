import type { Endpoint } from "@/lib/api/openapi";
import { ImpactQuery, ImpactReport, LineageGraph, LineageQuery } from "./schemas";

const tags = ["Lineage"];

/** The lineage REST endpoints, documented from the schemas that validate them. */
export const lineageEndpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/lineage",
    tags,
    summary: "Systems, interfaces and flows within depth hops up and/or downstream of a system or interface (one hop = one flow crossed)",
    request: { query: LineageQuery },
    ok: { status: 200, schema: LineageGraph, description: "Nodes with their hop distance, and provides/flow edges" },
    errors: [401, 404, 422],
  },
  {
    method: "get",
    path: "/api/v1/lineage/impact",
    tags,
    summary: "What changing an interface affects downstream: interfaces, consumer systems, owning teams and approved or active contracts; format=csv downloads it",
    request: { query: ImpactQuery },
    ok: { status: 200, schema: ImpactReport, description: "The impact report (JSON, or text/csv as an attachment with format=csv)" },
    errors: [401, 404, 422],
  },
];
