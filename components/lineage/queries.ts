"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { FieldTrace, ImpactReport, LineageGraph, LineageMap } from "@/lib/lineage/schemas";
import type { ViewState } from "./view-state";

const query = (params: Record<string, string | number | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  return search.toString();
};

export const lineageKeys = {
  all: ["lineage"] as const,
  map: (filters: Record<string, string>) => ["lineage", "map", filters] as const,
  focus: (focus: string, depth: number, dir: string) => ["lineage", "focus", focus, depth, dir] as const,
  impact: (kind: "interface" | "system", id: string, depth: number) => ["lineage", "impact", kind, id, depth] as const,
  fields: (id: string, path: string | null) => ["lineage", "fields", id, path] as const,
};

/** The server-side filters of the map (health is applied in the browser; see model.ts). */
export function mapFilters(state: ViewState): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const key of ["domain", "team", "protocol", "style", "classification"] as const) if (state[key].length) filters[key] = [...state[key]].sort().join(",");
  return filters;
}

export function useLineageMap(filters: Record<string, string>) {
  return useQuery({ queryKey: lineageKeys.map(filters), queryFn: () => apiFetch<LineageMap>(`/api/v1/lineage/map?${query(filters)}`), placeholderData: (previous) => previous });
}

export function useFocusGraph(focus: string | null, depth: number, dir: string) {
  return useQuery({
    queryKey: lineageKeys.focus(focus ?? "", depth, dir),
    queryFn: () => apiFetch<LineageGraph>(`/api/v1/lineage?${query({ focus, depth, direction: dir })}`),
    enabled: !!focus,
  });
}

export const impactUrl = (kind: "interface" | "system", id: string, depth: number, format?: "csv") => `/api/v1/lineage/impact?${query({ [kind]: id, depth, format })}`;

export function useImpact(kind: "interface" | "system" | null, id: string | null, depth: number) {
  return useQuery({
    queryKey: lineageKeys.impact(kind ?? "system", id ?? "", depth),
    queryFn: () => apiFetch<ImpactReport>(impactUrl(kind!, id!, depth)),
    enabled: !!kind && !!id,
  });
}

export function useFieldTrace(interfaceId: string | null, path: string | null) {
  return useQuery({
    queryKey: lineageKeys.fields(interfaceId ?? "", path),
    queryFn: () => apiFetch<FieldTrace>(`/api/v1/lineage/fields?${query({ interface: interfaceId, path, depth: 6 })}`),
    enabled: !!interfaceId,
  });
}
