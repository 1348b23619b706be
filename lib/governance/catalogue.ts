// Every rule an admin can govern: the built-in Spectral `oas` and `asyncapi` rulesets and the portal's own.
import { asyncapi, oas } from "@stoplight/spectral-rulesets";
import { PORTAL_RULES } from "./portal-rules";
import type { RuleSeverity } from "./schemas";

export type CatalogueRule = { code: string; ruleset: "oas" | "asyncapi" | "interchange"; description: string; defaultSeverity: RuleSeverity; defaultEnabled: boolean };

type BuiltIn = { description?: string; message?: string; severity?: string | number; recommended?: boolean };

const SEVERITY_NAMES: Record<string, RuleSeverity> = { error: "ERROR", warn: "WARN", info: "INFO", hint: "HINT", "0": "ERROR", "1": "WARN", "2": "INFO", "3": "HINT" };

// Spectral's default severity for a rule that names none is "warn".
export const toSeverity = (value: string | number | undefined): RuleSeverity => SEVERITY_NAMES[String(value ?? "warn")] ?? "WARN";

function builtIns(ruleset: "oas" | "asyncapi", rules: Record<string, BuiltIn>): CatalogueRule[] {
  return Object.entries(rules).map(([code, rule]) => ({
    code,
    ruleset,
    description: rule.description ?? rule.message ?? code,
    defaultSeverity: toSeverity(rule.severity),
    defaultEnabled: rule.recommended !== false,
  }));
}

export const RULE_CATALOGUE: readonly CatalogueRule[] = [
  ...PORTAL_RULES.map((r) => ({ code: r.code, ruleset: "interchange" as const, description: r.description, defaultSeverity: toSeverity(r.severity), defaultEnabled: true })),
  ...builtIns("oas", (oas as unknown as { rules: Record<string, BuiltIn> }).rules),
  ...builtIns("asyncapi", (asyncapi as unknown as { rules: Record<string, BuiltIn> }).rules),
];

const BY_CODE = new Map(RULE_CATALOGUE.map((r) => [r.code, r]));
export const ruleNamed = (code: string): CatalogueRule | undefined => BY_CODE.get(code);
