import { z } from "zod";
import { AgentDto, AgentList, CreateAgentInput, HeartbeatInput, HeartbeatResponse, IssuedAgentToken, UpdateAgentInput } from "@/lib/agents/schemas";
import type { Endpoint } from "@/lib/api/openapi";
import { IdParams } from "@/lib/users/schemas";
import { DiscoveredFlowDto, DiscoveredFlowQuery, EvaluationResult, FlowHealthDto, IncidentDto, IncidentList, IncidentQuery, ResolveDiscoveredFlowInput, ResolvedDiscoveredFlow, SeriesQuery, TelemetryBatchInput, TelemetryResult } from "./schemas";

const agentTags = ["Agents and telemetry"];
const healthTags = ["Health"];
const SeriesPoint = z.object({ t: z.string().datetime(), delivered: z.number(), failed: z.number(), successPct: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable(), lag: z.number().nullable() });
const Span = z.object({ id: z.string().uuid(), from: z.string().datetime(), to: z.string().datetime().nullable(), title: z.string() });
const FlowSeries = z.object({ flowId: z.string().uuid(), resolution: z.enum(["minute", "hour"]), from: z.string(), to: z.string(), points: z.array(SeriesPoint), anomalies: z.array(Span), breaches: z.array(Span) }).meta({ id: "FlowSeries" });
const agentAuth = [{ bearer: [] }];

/** Connector agents, telemetry ingest and health endpoints, documented from the schemas that validate them. */
export const healthEndpoints: Endpoint[] = [
  { method: "get", path: "/api/v1/agents", tags: agentTags, summary: "Registered connector agents with their scope, last heartbeat and connectors", ok: { status: 200, schema: AgentList, description: "Agents" }, errors: [401, 403] },
  { method: "post", path: "/api/v1/agents", tags: agentTags, summary: "Register an agent (admin): its token (ica_...) is in this answer only", body: CreateAgentInput, ok: { status: 201, schema: IssuedAgentToken, description: "The agent and its token" }, errors: [400, 401, 403, 409, 415, 422] },
  { method: "get", path: "/api/v1/agents/{id}", tags: agentTags, summary: "One agent", request: { params: IdParams }, ok: { status: 200, schema: AgentDto, description: "The agent" }, errors: [401, 403, 404, 422] },
  { method: "patch", path: "/api/v1/agents/{id}", tags: agentTags, summary: "Change an agent's description or scope (admin)", request: { params: IdParams }, body: UpdateAgentInput, ok: { status: 200, schema: AgentDto, description: "The agent" }, errors: [400, 401, 403, 404, 415, 422] },
  { method: "delete", path: "/api/v1/agents/{id}", tags: agentTags, summary: "Revoke an agent (admin): its token stops working at once", request: { params: IdParams }, ok: { status: 200, schema: AgentDto, description: "The revoked agent" }, errors: [401, 403, 404, 422] },
  { method: "post", path: "/api/v1/agents/{id}/rotate", tags: agentTags, summary: "Issue a new token for an agent (admin); the old one stops working", request: { params: IdParams }, ok: { status: 200, schema: IssuedAgentToken, description: "The new token, shown once" }, errors: [401, 403, 404, 409, 422] },
  { method: "post", path: "/api/v1/agents/heartbeat", tags: agentTags, summary: "Agent heartbeat (agent token): version, host and connector states", security: agentAuth, body: HeartbeatInput, ok: { status: 200, schema: HeartbeatResponse, description: "Recorded" }, errors: [400, 401, 403, 415, 422] },
  { method: "post", path: "/api/v1/telemetry", tags: agentTags, summary: "Per-flow measurements from an agent (agent token). Idempotent per batchId; out-of-scope items are refused one by one; unknown flows are recorded as discovered", security: agentAuth, body: TelemetryBatchInput, ok: { status: 200, schema: TelemetryResult, description: "What was accepted, rejected (with reasons) and discovered" }, errors: [400, 401, 403, 413, 415, 422] },

  { method: "get", path: "/api/v1/flows/{id}/health", tags: healthTags, summary: "A flow's health against its contract SLA: status since when, SLIs, burn rates and error budget", request: { params: IdParams }, ok: { status: 200, schema: FlowHealthDto, description: "The latest evaluation (NO_DATA until telemetry arrives)" }, errors: [401, 404, 422] },
  { method: "get", path: "/api/v1/flows/{id}/health/series", tags: healthTags, summary: "A flow's telemetry over time (minute points up to 48 h, hourly beyond) with anomaly and breach spans", request: { params: IdParams, query: SeriesQuery }, ok: { status: 200, schema: FlowSeries, description: "Time series" }, errors: [401, 404, 422] },
  { method: "get", path: "/api/v1/incidents", tags: healthTags, summary: "Incidents (SLA breaches, anomalies, silent agents), open first, filterable by flow, kind and state", request: { query: IncidentQuery }, ok: { status: 200, schema: IncidentList, description: "Incidents with their timelines" }, errors: [401, 422] },
  { method: "get", path: "/api/v1/incidents/{id}", tags: healthTags, summary: "One incident with its timeline and suspected causes", request: { params: IdParams }, ok: { status: 200, schema: IncidentDto, description: "The incident" }, errors: [401, 404, 422] },
  { method: "post", path: "/api/v1/health/evaluate", tags: healthTags, summary: "Evaluate every flow against its SLA now (admin); the server also does this every 30 s", ok: { status: 200, schema: EvaluationResult, description: "What the evaluation found" }, errors: [401, 403] },

  { method: "get", path: "/api/v1/health/board", tags: healthTags, summary: "The estate board: every flow's status grouped by domain (worst first), open incidents, agents online", ok: { status: 200, description: "The board" }, errors: [401] },
  { method: "get", path: "/api/v1/health/stream", tags: healthTags, summary: "Server-sent events (text/event-stream): a `health` event whenever telemetry arrives, an evaluation changes a status or incident, or an agent reports", ok: { status: 200, description: "An event stream that stays open" }, errors: [401] },

  { method: "get", path: "/api/v1/agents/discovered-flows", tags: agentTags, summary: "Flows agents reported that the catalog does not know (pending by default)", request: { query: DiscoveredFlowQuery }, ok: { status: 200, schema: z.object({ items: z.array(DiscoveredFlowDto) }), description: "Discovered flows" }, errors: [401, 422] },
  { method: "post", path: "/api/v1/agents/discovered-flows/{id}", tags: agentTags, summary: "Confirm a pending discovered flow as a catalog flow (added to the agent's scope when the caller may manage agents) or dismiss it (architects, owning team)", request: { params: IdParams }, body: ResolveDiscoveredFlowInput, ok: { status: 200, schema: ResolvedDiscoveredFlow, description: "The resolved discovered flow" }, errors: [400, 401, 403, 404, 409, 415, 422] },
];
