import type { Endpoint } from "@/lib/api/openapi";
import { DiffRequest, DiffResponse } from "./schemas";

/** The diff endpoint, documented from the schemas that validate it. */
export const diffEndpoints: Endpoint[] = [
  {
    method: "post",
    path: "/api/v1/diff",
    tags: ["Contracts"],
    summary: "Breaking changes between two versions of an OpenAPI, AsyncAPI, JSON Schema, Avro or Protobuf document under a compatibility mode (nothing is stored)",
    body: DiffRequest,
    ok: { status: 200, schema: DiffResponse, description: "The change list, most severe first; breaking is true when any change is an ERR" },
    errors: [400, 401, 413, 415, 422],
  },
];
