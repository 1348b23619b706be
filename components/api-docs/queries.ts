import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";

export const apiDocsKeys = { document: ["api-docs", "openapi.json"] as const };

/** The portal's OpenAPI document; it only changes with a deployment, so it is fetched once per visit. */
export function useOpenApiDocument() {
  return useQuery({ queryKey: apiDocsKeys.document, queryFn: () => apiFetch<Record<string, unknown>>("/api/v1/openapi.json"), staleTime: Infinity });
}
