"use client";

import { apiFetch } from "@/components/api/client";
import type { FlowSeries, HealthBoard } from "@/lib/health/read";
import type { FlowHealthDto, IncidentDto } from "@/lib/health/schemas";

export const healthKeys = {
  all: ["health"] as const,
  board: () => [...healthKeys.all, "board"] as const,
  flow: (id: string) => [...healthKeys.all, "flow", id] as const,
  series: (id: string, hours: number) => [...healthKeys.all, "flow", id, "series", hours] as const,
  incidents: (flowId: string) => [...healthKeys.all, "flow", flowId, "incidents"] as const,
};

export const fetchBoard = () => apiFetch<HealthBoard>("/api/v1/health/board");
export const fetchFlowHealth = (id: string) => apiFetch<FlowHealthDto>(`/api/v1/flows/${id}/health`);
export const fetchSeries = (id: string, hours: number) => apiFetch<FlowSeries>(`/api/v1/flows/${id}/health/series?hours=${hours}`);
export const fetchFlowIncidents = async (flowId: string) => (await apiFetch<{ items: IncidentDto[] }>(`/api/v1/incidents?flowId=${flowId}&limit=20`)).items;
