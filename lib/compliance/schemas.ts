import { z } from "zod";
import { countryCodeProblem } from "./countries";
import { POLICY_KEYS, SEVERITIES } from "./policies";
import { DEROGATIONS, SCC_MODULES, TRANSFER_TOOLS } from "./transfers";

export { TRANSFER_TOOLS };
const SccModule = z.enum(Object.keys(SCC_MODULES) as [string, ...string[]]);
const Derogation = z.enum(Object.keys(DEROGATIONS) as [string, ...string[]]);
const IsoDate = z.iso.date();

export const LEVEL_VALUES = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"] as const;
export const PCI_ELEMENTS = ["PAN", "CARDHOLDER_NAME", "EXPIRY", "SERVICE_CODE", "SAD"] as const;
export const SUGGESTION_STATUSES = ["SUGGESTED", "CONFIRMED", "REJECTED"] as const;

const Ref = z.object({ id: z.string().uuid(), name: z.string() });
export const Country = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = countryCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const Tags = z.array(z.string().trim().min(1).max(120)).max(50);
const Text = (max: number) => z.string().trim().max(max).nullable().transform((v) => (v ? v : null));

export const UpdateFlowComplianceInput = z
  .object({
    dataCategories: Tags,
    dataSubjects: Tags,
    specialCategories: Tags,
    art9Condition: Text(300),
    pciElements: z.array(z.enum(PCI_ELEMENTS)).max(PCI_ELEMENTS.length),
    classification: z.enum(LEVEL_VALUES).nullable(),
    sourceCountry: Country.nullable(),
    destinationCountry: Country.nullable(),
    transferTool: z.enum(TRANSFER_TOOLS).nullable(),
    transferDocument: Text(500),
    transferSccModule: SccModule.nullable(),
    transferSignedOn: IsoDate.nullable(),
    transferDerogation: Derogation.nullable(),
    transferTia: Text(500).describe("Reference to the transfer impact assessment"),
    transferDpfCertification: Text(300).describe("The recipient's entry on the EU-US Data Privacy Framework list"),
    purpose: Text(1000),
    lawfulBasis: Text(300),
    encryptedInTransit: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: "UpdateFlowComplianceInput", description: "Only the fields sent change; null clears a value" });
export type UpdateFlowComplianceInput = z.infer<typeof UpdateFlowComplianceInput>;

export const Violation = z
  .object({
    id: z.string().uuid(),
    policy: z.enum(POLICY_KEYS),
    policyTitle: z.string(),
    severity: z.enum(SEVERITIES),
    flowId: z.string().uuid().optional(),
    interfaceId: z.string().uuid().optional(),
    systemId: z.string().uuid().optional(),
    flow: Ref.nullable(),
    interface: Ref.nullable(),
    system: Ref.nullable(),
    domain: Ref.nullable(),
    message: z.string(),
    owner: Ref.nullable().describe("The team expected to fix it"),
    firstSeenAt: z.string(),
  })
  .meta({ id: "Violation" });
export type Violation = z.infer<typeof Violation>;

export const ViolationsQuery = z.object({
  flowId: z.string().uuid().optional(),
  interfaceId: z.string().uuid().optional(),
  systemId: z.string().uuid().optional().describe("Either end of the flow"),
  policy: z.enum(POLICY_KEYS).optional(),
  ownerTeamId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ViolationsQuery = z.infer<typeof ViolationsQuery>;
export const ViolationList = z.object({ items: z.array(Violation), total: z.number().int() }).meta({ id: "ViolationList" });

export const FlowCompliance = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    interface: Ref,
    producerSystem: Ref,
    consumerSystem: Ref,
    dataCategories: z.array(z.string()),
    dataSubjects: z.array(z.string()),
    specialCategories: z.array(z.string()),
    art9Condition: z.string().nullable(),
    pciElements: z.array(z.string()),
    classification: z.enum(LEVEL_VALUES).nullable().describe("Declared for the flow"),
    effectiveClassification: z.enum(LEVEL_VALUES).nullable().describe("Highest of the declared level and the confirmed field levels"),
    sourceCountry: z.string().nullable(),
    destinationCountry: z.string().nullable(),
    transferTool: z.enum(TRANSFER_TOOLS).nullable(),
    transferDocument: z.string().nullable(),
    transferSccModule: z.string().nullable(),
    transferSignedOn: z.string().nullable(),
    transferDerogation: z.string().nullable(),
    transferTia: z.string().nullable(),
    transferDpfCertification: z.string().nullable(),
    purpose: z.string().nullable(),
    lawfulBasis: z.string().nullable(),
    encryptedInTransit: z.boolean(),
    violations: z.array(Violation),
    canEdit: z.boolean(),
  })
  .meta({ id: "FlowCompliance" });
export type FlowCompliance = z.infer<typeof FlowCompliance>;

export const SuggestionsQuery = z.object({
  status: z.enum(SUGGESTION_STATUSES).default("SUGGESTED"),
  interfaceId: z.string().uuid().optional(),
  rule: z.string().max(60).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SuggestionsQuery = z.infer<typeof SuggestionsQuery>;

export const SuggestionDto = z
  .object({
    fieldId: z.string().uuid(),
    path: z.string(),
    interface: Ref,
    status: z.enum(SUGGESTION_STATUSES),
    level: z.enum(LEVEL_VALUES),
    personalCategory: z.string().nullable(),
    specialCategory: z.string().nullable(),
    criminal: z.boolean(),
    pciElement: z.string().nullable(),
    rule: z.string(),
    matchedWords: z.array(z.string()),
    confidence: z.number(),
    reason: z.string(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: "ClassificationSuggestion" });
export type SuggestionDto = z.infer<typeof SuggestionDto>;
export const SuggestionList = z.object({ items: z.array(SuggestionDto), total: z.number().int(), rules: z.array(z.object({ rule: z.string(), count: z.number().int() })) });

export const DecideSuggestionsInput = z
  .object({
    fieldIds: z.array(z.string().uuid()).min(1).max(1000),
    decision: z.enum(["CONFIRM", "REJECT"]),
    /** Confirm at another level than suggested. */
    level: z.enum(LEVEL_VALUES).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: "DecideSuggestionsInput" });
export type DecideSuggestionsInput = z.infer<typeof DecideSuggestionsInput>;
export const DecideSuggestionsResult = z.object({ decided: z.number().int(), flowsReevaluated: z.number().int() });

export const RunSuggestionsInput = z.object({ interfaceId: z.string().uuid().optional() }).strict();
export const RunSuggestionsResult = z.object({ interfaces: z.number().int(), suggested: z.number().int(), carriedOver: z.number().int() });

export const PolicyDto = z
  .object({
    key: z.enum(POLICY_KEYS),
    title: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    severity: z.enum(SEVERITIES),
    minLevel: z.enum(LEVEL_VALUES).nullable().describe("Threshold, for the encryption policy"),
    exemptSystems: z.array(Ref),
    violations: z.number().int(),
  })
  .meta({ id: "CompliancePolicy" });
export type PolicyDto = z.infer<typeof PolicyDto>;
export const PolicyParams = z.object({ key: z.enum(POLICY_KEYS) });
export const UpdatePolicyInput = z
  .object({
    enabled: z.boolean(),
    severity: z.enum(SEVERITIES),
    minLevel: z.enum(LEVEL_VALUES).nullable(),
    exemptSystemIds: z.array(z.string().uuid()).max(500),
  })
  .partial()
  .strict()
  .meta({ id: "UpdatePolicyInput" });
export type UpdatePolicyInput = z.infer<typeof UpdatePolicyInput>;

export const UpdateSystemResidencyInput = z
  .object({ hostingCountries: z.array(Country).max(30), processingCountries: z.array(Country).max(30), pciScope: z.boolean() })
  .partial()
  .strict()
  .meta({ id: "UpdateSystemResidencyInput" });
export type UpdateSystemResidencyInput = z.infer<typeof UpdateSystemResidencyInput>;
export const SystemResidency = z.object({
  id: z.string().uuid(),
  name: z.string(),
  hostingCountries: z.array(z.string()),
  processingCountries: z.array(z.string()),
  pciScope: z.boolean(),
});

export const UpdateInterfaceSecurityInput = z
  .object({ encryptedInTransit: z.boolean().nullable(), encryptedAtRest: z.boolean().nullable() })
  .partial()
  .strict()
  .meta({ id: "UpdateInterfaceSecurityInput" });
export type UpdateInterfaceSecurityInput = z.infer<typeof UpdateInterfaceSecurityInput>;
export const InterfaceSecurity = z.object({ id: z.string().uuid(), name: z.string(), encryptedInTransit: z.boolean().nullable(), encryptedAtRest: z.boolean().nullable() });

export const IdParams = z.object({ id: z.string().uuid("Must be a UUID") });

export const ComplianceOverviewDto = z
  .object({
    coverage: z.object({ total: z.number().int(), classified: z.number().int(), suggested: z.number().int(), unknown: z.number().int(), rejected: z.number().int() }),
    byPolicy: z.array(z.object({ policy: z.enum(POLICY_KEYS), title: z.string(), count: z.number().int() })),
    byDomain: z.array(z.object({ domainId: z.string().nullable(), domain: z.string(), count: z.number().int() })),
    crossBorder: z.object({
      total: z.number().int(),
      leavingEea: z.number().int(),
      uncovered: z.number().int(),
      flows: z.array(
        z.object({
          flowId: z.string().uuid(),
          name: z.string(),
          source: z.string(),
          destination: z.string(),
          leavesEea: z.boolean(),
          transferTool: z.string().nullable(),
          transferDocument: z.string().nullable(),
          covered: z.boolean(),
        }),
      ),
    }),
  })
  .meta({ id: "ComplianceOverview" });
