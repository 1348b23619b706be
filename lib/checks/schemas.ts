import { z } from "zod";
import { Finding } from "@/lib/governance/schemas";

export const CHECK_MAX_BODY_BYTES = 21 * 1024 * 1024;

export const CheckRequest = z
  .object({
    interface: z.string().min(1).max(300).describe("Interface id, slug or name"),
    document: z.string().min(1).describe("The document that would ship (OpenAPI, AsyncAPI, JSON Schema, Avro or Protobuf text)"),
    fileName: z.string().max(1024).default("document.yaml").describe("Its file name: helps detect the format and names it in messages"),
    openProposal: z.boolean().default(false).describe("On a breaking change, open the next major contract version as a proposal for the consumers to approve"),
  })
  .meta({ id: "CheckRequest" });
export type CheckRequest = z.infer<typeof CheckRequest>;
export type CheckInput = z.input<typeof CheckRequest>;

const Change = z.object({ id: z.string(), level: z.enum(["ERR", "WARN", "INFO"]), path: z.string(), message: z.string(), rule: z.string(), breaksVersion: z.string().optional() });

export const CheckResult = z
  .object({
    mayShip: z.boolean(),
    reasons: z.array(z.string()).describe("Why it may not ship, one line each; empty when it may"),
    notes: z.array(z.string()).describe("What was checked and passed, or could not matter"),
    interface: z.object({ id: z.string().uuid(), name: z.string() }),
    contract: z.object({ id: z.string().uuid(), version: z.string(), status: z.string(), compatibilityMode: z.string() }).nullable().describe("The active contract"),
    consumers: z.array(z.object({ team: z.string().nullable(), system: z.string(), contractVersion: z.string() })).describe("Subscribed consumers and the version each relies on"),
    changes: z.array(Change).describe("Changes against the versions consumers rely on, breaking first"),
    governance: z.object({ passed: z.boolean(), errors: z.array(Finding) }),
    proposal: z.object({ id: z.string().uuid(), version: z.string() }).nullable().describe("The contract proposal opened by openProposal"),
  })
  .meta({ id: "CheckResult" });
export type CheckResult = z.infer<typeof CheckResult>;
