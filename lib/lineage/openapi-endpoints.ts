import type { Endpoint } from "@/lib/api/openapi";
import { FieldTrace, FieldTraceQuery, ImpactQuery, ImpactReport, LineageGraph, LineageMap, LineageQuery, MapQuery } from "./schemas";

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
    summary: "What changing an interface (or any interface of a system) affects downstream: interfaces, consumer systems, owning teams and approved or active contracts; format=csv downloads it",
    request: { query: ImpactQuery },
    ok: { status: 200, schema: ImpactReport, description: "The impact report (JSON, or text/csv as an attachment with format=csv)" },
    errors: [401, 404, 422],
  },
  {
    method: "get",
    path: "/api/v1/lineage/map",
    tags,
    summary: "The whole estate, or the part the filters select, as systems, interfaces and flows for the lineage map",
    request: { query: MapQuery },
    ok: { status: 200, schema: LineageMap, description: "Domains and teams (for the filters), then systems, interfaces and flows referencing each other by id" },
    errors: [401, 422],
  },
  {
    method: "get",
    path: "/api/v1/lineage/fields",
    tags,
    summary: "Field-level lineage: the mapped fields of an interface and, for a path, where its value travels up and downstream",
    request: { query: FieldTraceQuery },
    ok: { status: 200, schema: FieldTrace, description: "Mapped field paths and the mappings crossed, with hop distances" },
    errors: [401, 404, 422],
  },
];
