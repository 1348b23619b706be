import { z } from "zod";
import type { Endpoint } from "@/lib/api/openapi";
import { CheckRequest, CheckResult } from "@/lib/checks/schemas";
import { LeaderboardDto, ScorecardDto, ScorecardsQuery, TrendParams, TrendPoint, TrendQuery } from "@/lib/scorecards/schemas";
import { LintReport, LintRequest, RuleDto, RulesQuery, UpdateRuleSettingInput, VersionGovernance, VersionGovernanceQuery } from "./schemas";

const IdParams = z.object({ id: z.string().uuid() });

/** Governance rules, can-i-deploy checks and scorecards, documented from the schemas that validate them. */
export const governanceEndpoints: Endpoint[] = [
  {
    method: "post", path: "/api/v1/checks", tags: ["Governance"],
    summary: "can-i-deploy: may this document ship as the interface? (active contract, compatible with every subscribed version, no governance errors); optionally opens the breaking change as a contract proposal",
    body: CheckRequest, ok: { status: 200, schema: CheckResult, description: "mayShip with readable reasons" }, errors: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  {
    method: "post", path: "/api/v1/governance/lint", tags: ["Governance"], summary: "Lint a document with the governance rules (with the interface's domain settings and estate rules when named)",
    body: LintRequest, ok: { status: 200, schema: LintReport, description: "Findings with rule, JSON pointer and line" }, errors: [400, 401, 404, 409, 413, 415, 422],
  },
  {
    method: "get", path: "/api/v1/governance/rules", tags: ["Governance"], summary: "Every rule (oas, asyncapi, interchange) and how it runs in one domain",
    request: { query: RulesQuery }, ok: { status: 200, schema: z.object({ items: z.array(RuleDto) }), description: "Rules" }, errors: [401, 404, 422],
  },
  {
    method: "put", path: "/api/v1/governance/rules", tags: ["Governance"], summary: "Enable, disable or re-grade a rule in a domain (admin); the domain's interfaces are linted again",
    body: UpdateRuleSettingInput, ok: { status: 200, schema: RuleDto, description: "The rule as it now runs" }, errors: [400, 401, 403, 404, 415, 422],
  },
  {
    method: "get", path: "/api/v1/interfaces/{id}/governance", tags: ["Governance"], summary: "The stored governance result of an interface version (default the latest)",
    request: { params: IdParams, query: VersionGovernanceQuery }, ok: { status: 200, schema: VersionGovernance, description: "report is null when the version was never linted" }, errors: [401, 404, 422],
  },
  {
    method: "get", path: "/api/v1/scorecards", tags: ["Governance"], summary: "Scorecards of interfaces, systems, teams or domains, worst first, with their worst gaps",
    request: { query: ScorecardsQuery }, ok: { status: 200, schema: z.object({ items: z.array(ScorecardDto) }), description: "Scorecards" }, errors: [401, 422],
  },
  {
    method: "get", path: "/api/v1/scorecards/leaderboards", tags: ["Governance"], summary: "Per domain, its teams ranked by score",
    ok: { status: 200, schema: z.object({ items: z.array(LeaderboardDto) }), description: "Leaderboards" }, errors: [401],
  },
  {
    method: "get", path: "/api/v1/scorecards/{subject}/{id}/trend", tags: ["Governance"], summary: "A subject's score over time (one point per change)",
    request: { params: TrendParams, query: TrendQuery }, ok: { status: 200, schema: z.object({ items: z.array(TrendPoint) }), description: "Oldest first" }, errors: [401, 422],
  },
];
