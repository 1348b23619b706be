import semver from "semver";
import { z } from "zod";

export const CONTRACT_STATUSES = ["DRAFT", "IN_REVIEW", "APPROVED", "ACTIVE", "DEPRECATED", "RETIRED", "REJECTED"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const COMPATIBILITY_MODES = ["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"] as const;
export const SCHEMA_FORMATS = ["JSON_SCHEMA", "AVRO", "PROTOBUF", "OPENAPI", "ASYNCAPI"] as const;
export const CLASSIFICATIONS = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"] as const;
export const DECISIONS = ["APPROVE", "REJECT", "REQUEST_CHANGES"] as const;
export const ORDERING = ["NONE", "PER_KEY", "TOTAL"] as const;

/** Largest contract schema accepted (the spec of one interface; the catalog's own import limit is larger). */
export const MAX_SCHEMA_BYTES = 2 * 1024 * 1024;

const pct = z.number().min(0).max(100);
const positive = z.number().int().positive();

/**
 * The service levels a contract promises. Field names are explicit because the health feature evaluates
 * live telemetry against them (lib/health reads `sla` as this shape). Every field is optional: a contract
 * promises only what it states.
 */
export const Sla = z
  .object({
    freshnessMaxLagSeconds: positive.optional().describe("Largest acceptable delay between an event happening and its delivery"),
    deliverySuccessPct: pct.optional().describe("Share of messages or requests delivered successfully, in percent"),
    latencyP95Ms: positive.optional(),
    latencyP99Ms: positive.optional(),
    volumePerMinute: z
      .object({ min: z.number().int().min(0), max: z.number().int().positive() })
      .refine((v) => v.min <= v.max, { message: "min must not exceed max", path: ["min"] })
      .optional()
      .describe("Expected messages or requests per minute; outside the range is an anomaly"),
    availabilityPct: pct.optional(),
  })
  .strict()
  .refine((s) => s.latencyP95Ms === undefined || s.latencyP99Ms === undefined || s.latencyP95Ms <= s.latencyP99Ms, {
    message: "latencyP95Ms must not exceed latencyP99Ms",
    path: ["latencyP95Ms"],
  })
  .meta({ id: "ContractSla" });
export type Sla = z.infer<typeof Sla>;

/** How the producer retries, where undeliverable messages go, and what consumers may rely on for order and duplicates. */
export const ErrorHandling = z
  .object({
    maxRetries: z.number().int().min(0).max(100).optional(),
    backoff: z.enum(["fixed", "linear", "exponential"]).optional(),
    initialBackoffMs: positive.optional(),
    maxBackoffMs: positive.optional(),
    deadLetterQueue: z.string().trim().min(1).max(300).optional().describe("Dead-letter destination (topic, queue or URL)"),
    idempotencyKey: z.string().trim().min(1).max(200).optional().describe("Field consumers de-duplicate on"),
    ordering: z.string().trim().min(1).max(200).optional().describe("Ordering guarantee, e.g. 'per accountId', 'none', 'total'"),
  })
  .strict()
  .refine((e) => e.initialBackoffMs === undefined || e.maxBackoffMs === undefined || e.initialBackoffMs <= e.maxBackoffMs, {
    message: "initialBackoffMs must not exceed maxBackoffMs",
    path: ["initialBackoffMs"],
  })
  .meta({ id: "ContractErrorHandling" });
export type ErrorHandling = z.infer<typeof ErrorHandling>;

const Version = z.string().trim().refine((v) => semver.valid(v) !== null && semver.clean(v) === v, { message: "Must be a semantic version such as 1.2.0" });

/**
 * The fields of a contract version as sent, without defaults: the update schema is built from these, because
 * zod 4 still applies `.default()`s inside `.partial()` (a PATCH of one field would reset the others).
 */
const contentFields = {
  version: Version,
  compatibilityMode: z.enum(COMPATIBILITY_MODES),
  schemaFormat: z.enum(SCHEMA_FORMATS),
  schema: z
    .string()
    .min(1, "The schema is empty")
    .refine((s) => Buffer.byteLength(s, "utf8") <= MAX_SCHEMA_BYTES, { message: `The schema is larger than ${MAX_SCHEMA_BYTES / 1024 / 1024} MB` }),
  sla: Sla,
  errorHandling: ErrorHandling,
  classification: z.enum(CLASSIFICATIONS),
  personalData: z.boolean(),
  crossBorderTransfer: z.boolean(),
  description: z.string().trim().max(4000).optional(),
  changeNote: z.string().trim().max(4000).optional(),
};

/** The editable content of one contract version (form and YAML alike). */
export const ContractContent = z.object({
  ...contentFields,
  compatibilityMode: contentFields.compatibilityMode.default("BACKWARD"),
  sla: contentFields.sla.default({}),
  errorHandling: contentFields.errorHandling.default({}),
  classification: contentFields.classification.default("INTERNAL"),
  personalData: contentFields.personalData.default(false),
  crossBorderTransfer: contentFields.crossBorderTransfer.default(false),
});
export type ContractContent = z.infer<typeof ContractContent>;

export const ProposeContractInput = ContractContent.extend({
  interfaceId: z.string().uuid(),
  /** false keeps it a DRAFT; true (default) submits it for review at once. */
  submit: z.boolean().default(true),
}).meta({ id: "ProposeContractInput" });
export type ProposeContractInput = z.infer<typeof ProposeContractInput>;

/** Only the fields sent are changed; nothing is defaulted. */
export const UpdateDraftInput = z.object(contentFields).partial().meta({ id: "UpdateDraftInput" });
export type UpdateDraftInput = z.infer<typeof UpdateDraftInput>;

export const DecisionInput = z
  .object({
    decision: z.enum(DECISIONS),
    comment: z.string().trim().max(4000).optional(),
    approvalId: z.string().uuid().optional().describe("Which request to decide; defaults to the requests of your own teams (and compliance, for the COMPLIANCE role)"),
    breakGlassReason: z
      .string()
      .trim()
      .min(20, "Explain the emergency in at least 20 characters")
      .max(2000)
      .optional()
      .describe("Break-glass (contract.break_glass, admins): decide another team's or compliance's review in an emergency. Needs approvalId; audited and notified to the teams"),
  })
  .refine((d) => d.decision === "APPROVE" || (d.comment && d.comment.length > 0), { message: "Say why: a comment is required to reject or request changes", path: ["comment"] })
  .meta({ id: "DecisionInput" });
export type DecisionInput = z.infer<typeof DecisionInput>;

export const TransitionInput = z
  .object({
    action: z.enum(["submit", "activate", "deprecate", "retire"]),
    sunsetDate: z.iso.date().optional().describe("Required to deprecate: when the version will be retired"),
  })
  .meta({ id: "TransitionInput" });
export type TransitionInput = z.infer<typeof TransitionInput>;

export const CommentInput = z
  .object({ body: z.string().trim().min(1, "Write something").max(4000), parentId: z.string().uuid().optional() })
  .meta({ id: "CommentInput" });
export type CommentInput = z.infer<typeof CommentInput>;

export const SubscribeInput = z.object({ flowId: z.string().uuid() }).meta({ id: "SubscribeInput" });
export type SubscribeInput = z.infer<typeof SubscribeInput>;

export const ContractListQuery = z.object({
  status: z.enum(CONTRACT_STATUSES).optional(),
  interfaceId: z.string().uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
export type ContractListQuery = z.infer<typeof ContractListQuery>;

export const IdParams = z.object({ id: z.string().uuid() });
export const CompareQuery = z.object({ from: z.string().uuid(), to: z.string().uuid() });

export const OdcsText = z.object({ yaml: z.string().min(1).max(MAX_SCHEMA_BYTES * 2) }).meta({ id: "OdcsText" });

export const WebhookInput = z
  .object({ url: z.url({ protocol: /^https?$/ }).max(2000), active: z.boolean().default(true), rotateSecret: z.boolean().default(false) })
  .meta({ id: "WebhookInput" });
export type WebhookInput = z.infer<typeof WebhookInput>;
export const TeamParams = z.object({ teamId: z.string().uuid() });

// ---- responses ----

const Ref = z.object({ id: z.string().uuid(), name: z.string() });
const Change = z.object({
  id: z.string(),
  level: z.enum(["ERR", "WARN", "INFO"]),
  path: z.string(),
  message: z.string(),
  rule: z.string(),
  breaksVersion: z.string().optional(),
});

export const ApprovalDto = z.object({
  id: z.string().uuid(),
  kind: z.enum(["TEAM", "COMPLIANCE"]),
  team: Ref.nullable(),
  label: z.string().describe("Team name, or 'Compliance'"),
  decision: z.enum(["PENDING", "APPROVED", "REJECTED", "CHANGES_REQUESTED"]),
  comment: z.string().nullable(),
  decidedBy: z.object({ id: z.string().uuid(), name: z.string(), email: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  canDecide: z.boolean().describe("Whether the caller may decide this request now"),
});
export type ApprovalDto = z.infer<typeof ApprovalDto>;

export const ContractSummary = z
  .object({
    id: z.string().uuid(),
    version: z.string(),
    status: z.enum(CONTRACT_STATUSES),
    compatibilityMode: z.enum(COMPATIBILITY_MODES),
    schemaFormat: z.enum(SCHEMA_FORMATS),
    classification: z.enum(CLASSIFICATIONS),
    personalData: z.boolean(),
    crossBorderTransfer: z.boolean(),
    breaking: z.boolean(),
    interface: z.object({ id: z.string().uuid(), name: z.string(), slug: z.string() }),
    ownerTeam: Ref.nullable(),
    pendingApprovals: z.number().int(),
    subscriptions: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: "ContractSummary" });
export type ContractSummary = z.infer<typeof ContractSummary>;

export const ContractList = z.object({ items: z.array(ContractSummary), counts: z.record(z.string(), z.number().int()) }).meta({ id: "ContractList" });
export type ContractList = z.infer<typeof ContractList>;

export const ContractDto = ContractSummary.extend({
  schema: z.string(),
  sla: Sla,
  errorHandling: ErrorHandling,
  description: z.string().nullable(),
  changeNote: z.string().nullable(),
  changes: z.array(Change),
  sunsetDate: z.string().nullable(),
  submittedAt: z.string().nullable(),
  activatedAt: z.string().nullable(),
  createdAt: z.string(),
  proposedBy: z.object({ id: z.string().uuid(), name: z.string(), email: z.string() }).nullable(),
  approvals: z.array(ApprovalDto),
  requiresCompliance: z.boolean(),
  activationBlockers: z.array(z.string()).describe("Why the version cannot activate yet; empty when it can"),
  versions: z.array(z.object({ id: z.string().uuid(), version: z.string(), status: z.enum(CONTRACT_STATUSES), createdAt: z.string() })),
  consumers: z.array(
    z.object({
      flowId: z.string().uuid(),
      flowName: z.string(),
      system: Ref,
      team: Ref.nullable(),
      subscribedVersion: z.string().nullable(),
      canSubscribe: z.boolean(),
    }),
  ),
  permissions: z.object({ propose: z.boolean(), edit: z.boolean(), transition: z.array(z.string()) }),
}).meta({ id: "Contract" });
export type ContractDto = z.infer<typeof ContractDto>;

export const CommentDto = z.object({
  id: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  author: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type CommentDto = z.infer<typeof CommentDto>;
export const CommentList = z.object({ items: z.array(CommentDto) }).meta({ id: "CommentList" });

export const CompareResult = z
  .object({ from: ContractSummary.extend({ schema: z.string() }), to: ContractSummary.extend({ schema: z.string() }), breaking: z.boolean(), changes: z.array(Change) })
  .meta({ id: "ContractCompare" });
export type CompareResult = z.infer<typeof CompareResult>;

export const InboxItem = z.object({
  approvalId: z.string().uuid(),
  label: z.string(),
  contract: ContractSummary,
  createdAt: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const Inbox = z
  .object({
    pending: z.array(InboxItem),
    decided: z.array(InboxItem.extend({ decision: z.string() })).describe("The latest decisions (first page only)"),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next page of pending reviews; null on the last page"),
  })
  .meta({ id: "ContractInbox" });
export const InboxQuery = z.object({ cursor: z.string().max(500).optional().describe("nextCursor of the previous page") });
export type Inbox = z.infer<typeof Inbox>;

export const NotificationDto = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationDto = z.infer<typeof NotificationDto>;
export const NotificationList = z.object({ items: z.array(NotificationDto), unread: z.number().int() }).meta({ id: "NotificationList" });
export type NotificationList = z.infer<typeof NotificationList>;
export const MarkReadInput = z.object({ ids: z.array(z.string().uuid()).max(500).optional().describe("Omit to mark all read") }).meta({ id: "MarkReadInput" });

export const WebhookDto = z.object({
  id: z.string().uuid(),
  team: Ref,
  url: z.string(),
  active: z.boolean(),
  secret: z.string().optional().describe("Only in the answer that created or rotated it"),
  deliveries: z.array(
    z.object({
      id: z.string().uuid(),
      event: z.string(),
      status: z.enum(["PENDING", "DELIVERED", "FAILED"]),
      attempts: z.number().int(),
      lastStatus: z.number().int().nullable(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
      deliveredAt: z.string().nullable(),
    }),
  ),
}).meta({ id: "TeamWebhook" });
export type WebhookDto = z.infer<typeof WebhookDto>;

export const NotificationQuery = z.object({ unread: z.enum(["true", "false"]).optional().describe("true: only unread ones") });
export const AuditQuery = z.object({
  allVersions: z.enum(["true", "false"]).optional().describe("true: events of every version of this interface's contract"),
  cursor: z.string().regex(/^\d{1,19}$/, "a nextCursor from the previous page").optional().describe("nextCursor of the previous page"),
});
/** The fields of a contract audit event that every reader of the contract may see. */
export const ContractAuditDetails = z.object({
  version: z.string().optional(),
  status: z.string().optional(),
  decision: z.string().optional(),
  comment: z.string().nullable().optional(),
  approver: z.string().optional().describe("Team name or 'Compliance'"),
  flow: z.string().optional().describe("Subscribing flow's name"),
});
export type ContractAuditDetails = z.infer<typeof ContractAuditDetails>;
export const AuditList = z.object({
  items: z.array(
    z.object({
      seq: z.string(),
      at: z.string(),
      actor: z.string().nullable().describe("Name of who acted (no e-mail); null for the system"),
      action: z.string(),
      after: ContractAuditDetails.describe("The event's public details only; full payloads need audit.read via the audit log"),
      contractId: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
}).meta({ id: "ContractAudit" });
