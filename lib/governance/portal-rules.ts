// The portal's own governance rules, written as Spectral rules. Some judge the document alone; others judge
// the interface's place in the estate (its contract, owner and flows), from facts the caller loads first.
import { createRulesetFunction, type RuleDefinition, type RulesetFunctionContext } from "@stoplight/spectral-core";
import { aas2, aas3 } from "@stoplight/spectral-formats";

/** What the estate knows about the interface a document belongs to; null when linting a loose document. */
export type EstateFacts = {
  interfaceName: string;
  ownerTeam: string | null;
  governingContract: { version: string; status: string } | null;
  personalFlowsWithoutPurpose: string[];
};

const CLASSIFICATIONS = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"];

const payloadClassification = createRulesetFunction<Record<string, unknown>, null>({ input: { type: "object" }, options: null }, (payload) => {
  const declared = payload["x-classification"];
  if (typeof declared === "string" && CLASSIFICATIONS.includes(declared.toUpperCase())) return;
  return [{ message: `Event payload must declare x-classification (one of ${CLASSIFICATIONS.join(", ")})${declared === undefined ? "" : `; found ${JSON.stringify(declared)}`}` }];
});

// The facts travel with the document, not the ruleset, so one built ruleset serves every interface of a domain.
type IDocument = RulesetFunctionContext["document"];
const FACTS_OF = new WeakMap<IDocument, EstateFacts>();
export const attachFacts = (document: IDocument, facts: EstateFacts) => FACTS_OF.set(document, facts);

const fact = (judge: (facts: EstateFacts) => string[]) =>
  createRulesetFunction<unknown, null>({ input: null, options: null }, (_input, _options, context) => {
    const facts = FACTS_OF.get(context.document);
    return facts ? judge(facts).map((message) => ({ message })) : [];
  });

export type PortalRule = { code: string; description: string; severity: "error" | "warn"; estate: boolean; definition: () => RuleDefinition };

export const PORTAL_RULES: readonly PortalRule[] = [
  {
    code: "interchange-payload-classification",
    description: "Every event payload declares its data classification (x-classification).",
    severity: "error",
    estate: false,
    definition: () => ({
      formats: [aas2, aas3],
      given: ["$.channels[*][publish,subscribe].message.payload", "$.channels[*].messages[*].payload", "$.components.messages[*].payload"],
      then: { function: payloadClassification },
    }),
  },
  {
    code: "interchange-contract-approved",
    description: "Every interface is governed by an owner-approved data contract (APPROVED or ACTIVE).",
    severity: "warn",
    estate: true,
    definition: () => ({
      given: "$.info",
      then: { function: fact((f) => (f.governingContract ? [] : [`${f.interfaceName} has no approved or active data contract`])) },
    }),
  },
  {
    code: "interchange-owner",
    description: "Every interface has an owning team (x-interchange-owner or set in the catalog).",
    severity: "warn",
    estate: true,
    definition: () => ({
      given: "$.info",
      then: { function: fact((f) => (f.ownerTeam ? [] : [`${f.interfaceName} has no owning team`])) },
    }),
  },
  {
    code: "interchange-personal-data-purpose",
    description: "Every flow carrying personal data states its purpose.",
    severity: "error",
    estate: true,
    definition: () => ({
      given: "$.info",
      then: { function: fact((f) => f.personalFlowsWithoutPurpose.map((flow) => `Flow "${flow}" carries personal data but states no purpose`)) },
    }),
  },
];
