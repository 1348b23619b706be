import { z } from "zod";

export const RULE_SEVERITIES = ["ERROR", "WARN", "INFO", "HINT"] as const;
export const RuleSeverity = z.enum(RULE_SEVERITIES);
export type RuleSeverity = z.infer<typeof RuleSeverity>;

export const RULESETS = ["oas", "asyncapi", "interchange"] as const;

export const RuleDto = z
  .object({
    code: z.string(),
    ruleset: z.enum(RULESETS),
    description: z.string(),
    defaultSeverity: RuleSeverity,
    defaultEnabled: z.boolean().describe("Whether the rule runs when no admin setting says otherwise"),
    enabled: z.boolean().describe("Whether it runs in this domain"),
    severity: RuleSeverity.describe("The severity it reports with in this domain"),
    customised: z.boolean().describe("An admin changed it for this domain"),
  })
  .meta({ id: "GovernanceRule" });
export type RuleDto = z.infer<typeof RuleDto>;

export const UpdateRuleSettingInput = z
  .object({
    domainId: z.string().uuid(),
    rule: z.string().min(1).max(200),
    enabled: z.boolean(),
    severity: RuleSeverity.nullable().describe("Null: the ruleset's own severity"),
  })
  .meta({ id: "UpdateRuleSettingInput" });
export type UpdateRuleSettingInput = z.infer<typeof UpdateRuleSettingInput>;

export const RulesQuery = z.object({ domain: z.string().uuid().describe("The domain whose settings apply") });

export const Finding = z
  .object({
    rule: z.string(),
    severity: RuleSeverity,
    message: z.string(),
    pointer: z.string().describe("RFC 6901 JSON pointer into the document"),
    line: z.number().int().nullable().describe("1-based line the finding starts on"),
  })
  .meta({ id: "GovernanceFinding" });
export type Finding = z.infer<typeof Finding>;

export const LintReport = z
  .object({
    passed: z.boolean().describe("No finding at ERROR severity"),
    counts: z.object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() }),
    findings: z.array(Finding),
    notes: z.array(z.string()).describe("What could not be judged, e.g. estate rules without an interface"),
  })
  .meta({ id: "LintReport" });
export type LintReport = z.infer<typeof LintReport>;

export const LINT_MAX_BODY_BYTES = 21 * 1024 * 1024;

export const LintRequest = z
  .object({
    document: z.string().min(1).describe("The OpenAPI or AsyncAPI document text (YAML or JSON)"),
    fileName: z.string().max(1024).default("document.yaml"),
    interface: z.string().max(300).optional().describe("Interface id, slug or name: its domain's settings and the estate rules apply"),
  })
  .meta({ id: "LintRequest" });
export type LintRequest = z.infer<typeof LintRequest>;
export type LintInput = z.input<typeof LintRequest>;

export const VersionGovernance = z
  .object({
    interfaceId: z.string().uuid(),
    versionId: z.string().uuid().nullable(),
    version: z.string().nullable(),
    ranAt: z.string().nullable().describe("Null: this version was never linted"),
    report: LintReport.nullable(),
    running: z.boolean().describe("True while the rules are still running for this version (e.g. just after an import)"),
  })
  .meta({ id: "VersionGovernance" });
export type VersionGovernance = z.infer<typeof VersionGovernance>;

export const VersionGovernanceQuery = z.object({ version: z.string().uuid().optional().describe("A version id; default the latest") });
