import { z } from "zod";

export const SCORE_SUBJECTS = ["INTERFACE", "SYSTEM", "TEAM", "DOMAIN"] as const;
export const ScoreSubject = z.enum(SCORE_SUBJECTS);
export type ScoreSubject = z.infer<typeof ScoreSubject>;

const PartValue = z.number().int().min(0).max(100).nullable();
export const ScoreParts = z.object({ rules: PartValue, contracts: PartValue, health: PartValue, violations: PartValue });

export const ScorecardDto = z
  .object({
    subject: ScoreSubject,
    id: z.string().uuid(),
    name: z.string(),
    domain: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    score: z.number().int().nullable().describe("Mean of the known parts; null when nothing could be judged"),
    parts: ScoreParts,
    interfaces: z.number().int(),
    gaps: z.array(z.object({ part: z.string(), value: z.number().int(), detail: z.string() })).describe("Parts below 100, worst first"),
  })
  .meta({ id: "Scorecard" });
export type ScorecardDto = z.infer<typeof ScorecardDto>;

export const ScorecardsQuery = z.object({
  subject: ScoreSubject.default("TEAM"),
  domain: z.string().uuid().optional().describe("Only subjects in this domain"),
});
export type ScorecardsQuery = z.infer<typeof ScorecardsQuery>;

export const TrendQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(90) });
export const TrendParams = z.object({ subject: z.enum(["interface", "system", "team", "domain"]), id: z.string().uuid() });

export const TrendPoint = z.object({ at: z.string(), score: z.number().int(), parts: ScoreParts }).meta({ id: "ScoreTrendPoint" });
export type TrendPoint = z.infer<typeof TrendPoint>;

export const LeaderboardDto = z
  .object({
    domain: z.object({ id: z.string().uuid(), name: z.string() }),
    score: z.number().int().nullable(),
    teams: z.array(ScorecardDto).describe("Teams by their score over this domain's interfaces, best first"),
  })
  .meta({ id: "DomainLeaderboard" });
export type LeaderboardDto = z.infer<typeof LeaderboardDto>;
