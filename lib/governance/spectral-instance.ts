// One built Spectral per distinct rule configuration. Building a ruleset is cheap, but Spectral's schema function
// keeps its compiled validators per run, so the AsyncAPI document schema (the bulk of a lint's time, ~0.4-1 s on
// a loaded machine) was compiled again for every document; here it is compiled once per process.
import { Spectral, type RulesetDefinition, type RulesetFunction } from "@stoplight/spectral-core";
import { Resolver } from "@stoplight/spectral-ref-resolver";
import { asyncapi, oas } from "@stoplight/spectral-rulesets";
import { ruleNamed, toSeverity } from "./catalogue";
import { PORTAL_RULES } from "./portal-rules";
import type { RuleSeverity } from "./schemas";

export type RuleSetting = { enabled: boolean; severity: RuleSeverity | null };

// No resolvers at all: a document's external $refs are never fetched (no SSRF, no file reads); they are reported.
const offline = new Resolver({ resolvers: {} });

const lower = (severity: RuleSeverity) => severity.toLowerCase() as "error" | "warn" | "info" | "hint";

type BuiltInRule = { severity?: string | number; then: { function: RulesetFunction; functionOptions?: unknown } };
const ASYNCAPI_RULES = (asyncapi as unknown as { rules: Record<string, BuiltInRule> }).rules;

// The AsyncAPI document-schema rules validate against fixed schemas that carry an $id, so sharing one validator
// cache between documents cannot mix documents up (user schemas, which may reuse an $id, stay per run).
const DOCUMENT_SCHEMA_RULES = ["asyncapi-schema", "asyncapi-3-document-resolved", "asyncapi-3-document-unresolved"].filter((code) => ASYNCAPI_RULES[code]);
const SHARED_VALIDATORS = {};
const withSharedValidators =
  (fn: RulesetFunction): RulesetFunction =>
  (input, options, context) =>
    fn(input, options, { ...context, documentInventory: SHARED_VALIDATORS as typeof context.documentInventory });

function rulesetFor(settings: ReadonlyMap<string, RuleSetting>): RulesetDefinition {
  const rules: Record<string, unknown> = {};
  for (const code of DOCUMENT_SCHEMA_RULES) {
    const rule = ASYNCAPI_RULES[code];
    rules[code] = { ...rule, then: { ...rule.then, function: withSharedValidators(rule.then.function) } };
  }
  for (const rule of PORTAL_RULES) {
    const setting = settings.get(rule.code);
    if (setting?.enabled === false) continue;
    // "{{error}}": the function's own message (Spectral prints the description instead when a rule has none).
    rules[rule.code] = { ...rule.definition(), description: rule.description, message: "{{error}}", severity: lower(setting?.severity ?? toSeverity(rule.severity)) };
  }
  for (const [code, setting] of settings) {
    const known = ruleNamed(code);
    if (!known || known.ruleset === "interchange") continue;
    const severity = setting.enabled ? lower(setting.severity ?? known.defaultSeverity) : "off";
    rules[code] = rules[code] ? { ...(rules[code] as object), severity } : severity;
  }
  return { extends: [[oas as RulesetDefinition, "recommended"], [asyncapi as RulesetDefinition, "recommended"]], rules } as RulesetDefinition;
}

const settingsKey = (settings: ReadonlyMap<string, RuleSetting>) =>
  JSON.stringify([...settings].sort(([a], [b]) => a.localeCompare(b)).map(([code, s]) => [code, s.enabled, s.severity]));

// Bounded: a domain's settings change rarely, and an admin re-grading rules one by one makes a few stale keys.
const MAX_INSTANCES = 32;
const instances = new Map<string, Spectral>();

/** The Spectral for these settings, built on first use; Spectral.run keeps no state between runs. */
export function spectralFor(settings: ReadonlyMap<string, RuleSetting>): Spectral {
  const key = settingsKey(settings);
  let spectral = instances.get(key);
  if (!spectral) {
    spectral = new Spectral({ resolver: offline });
    spectral.setRuleset(rulesetFor(settings));
    if (instances.size >= MAX_INSTANCES) instances.delete(instances.keys().next().value!);
    instances.set(key, spectral);
  }
  return spectral;
}

export const cachedInstanceCount = () => instances.size;
