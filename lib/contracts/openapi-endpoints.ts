import { z } from "zod";
import type { Endpoint } from "@/lib/api/openapi";
import {
  AuditList,
  AuditQuery,
  CommentInput,
  CommentList,
  CompareQuery,
  CompareResult,
  ContractContent,
  ContractDto,
  ContractList,
  ContractListQuery,
  DecisionInput,
  IdParams,
  Inbox,
  InboxQuery,
  MarkReadInput,
  NotificationList,
  NotificationQuery,
  OdcsText,
  ProposeContractInput,
  SubscribeInput,
  TeamParams,
  TransitionInput,
  UpdateDraftInput,
  WebhookDto,
  WebhookInput,
} from "./schemas";

const tags = ["Contracts"];

/** The contract workflow's REST endpoints, documented from the schemas that validate them. */
export const contractEndpoints: Endpoint[] = [
  { method: "get", path: "/api/v1/contracts", tags, summary: "Contract versions, filtered by status, interface or interface name; with counts per status", request: { query: ContractListQuery }, ok: { status: 200, schema: ContractList, description: "Up to 500 versions, most recently changed first" }, errors: [401, 422] },
  { method: "post", path: "/api/v1/contracts", tags, summary: "Propose a new contract version for an interface (producer team); submit=true (default) opens the review at once", body: ProposeContractInput, ok: { status: 201, schema: ContractDto, description: "The new version with its approval requests and change list" }, errors: [400, 401, 403, 404, 409, 413, 415, 422] },
  { method: "get", path: "/api/v1/contracts/inbox", tags, summary: "Reviews waiting for the caller (their teams, and compliance for compliance officers) and recent decisions", request: { query: InboxQuery }, ok: { status: 200, schema: Inbox, description: "Pending and decided approval requests" }, errors: [401, 422] },
  { method: "get", path: "/api/v1/contracts/compare", tags, summary: "Two versions of one contract side by side with lib/diff's change list (ERR, WARN, INFO)", request: { query: CompareQuery }, ok: { status: 200, schema: CompareResult, description: "Both schemas and the changes from `from` to `to`" }, errors: [401, 404, 422] },
  { method: "post", path: "/api/v1/contracts/odcs", tags, summary: "Read an ODCS v3 YAML document into contract content (stores nothing); problems carry line and pointer", body: OdcsText, ok: { status: 200, schema: ContractContent, description: "The content, ready to propose" }, errors: [400, 401, 413, 415, 422] },
  { method: "get", path: "/api/v1/contracts/{id}", tags, summary: "One contract version: content, approvals, activation blockers, versions, consumers", request: { params: IdParams }, ok: { status: 200, schema: ContractDto, description: "The version" }, errors: [401, 404, 422] },
  { method: "patch", path: "/api/v1/contracts/{id}", tags, summary: "Edit a draft (producer team)", request: { params: IdParams }, body: UpdateDraftInput, ok: { status: 200, schema: ContractDto, description: "The edited draft" }, errors: [400, 401, 403, 404, 409, 413, 415, 422] },
  { method: "post", path: "/api/v1/contracts/{id}/transitions", tags, summary: "Submit a draft, activate an approved version (refused while approvals are missing or breaking changes are not a consented major version), deprecate with a sunset date, or retire", request: { params: IdParams }, body: TransitionInput, ok: { status: 200, schema: ContractDto, description: "The version after the transition" }, errors: [400, 401, 403, 404, 409, 415, 422] },
  { method: "post", path: "/api/v1/contracts/{id}/decisions", tags, summary: "Approve, reject or request changes on a version in review; the producer team and the proposer are always refused", request: { params: IdParams }, body: DecisionInput, ok: { status: 200, schema: ContractDto, description: "The version after the decision" }, errors: [400, 401, 403, 404, 409, 415, 422] },
  { method: "get", path: "/api/v1/contracts/{id}/comments", tags, summary: "The version's threaded discussion, oldest first", request: { params: IdParams }, ok: { status: 200, schema: CommentList, description: "Comments with their parent" }, errors: [401, 404, 422] },
  { method: "post", path: "/api/v1/contracts/{id}/comments", tags, summary: "Comment, or reply to a comment (parentId)", request: { params: IdParams }, body: CommentInput, ok: { status: 201, schema: CommentList, description: "The discussion including the new comment" }, errors: [400, 401, 404, 415, 422] },
  { method: "post", path: "/api/v1/contracts/{id}/subscriptions", tags, summary: "Subscribe a consuming flow to this version (consumer team), moving it off any other version", request: { params: IdParams }, body: SubscribeInput, ok: { status: 201, schema: ContractDto, description: "The version with its consumers" }, errors: [400, 401, 403, 404, 409, 415, 422] },
  { method: "get", path: "/api/v1/contracts/{id}/audit", tags, summary: "The version's audit trail (or, with allVersions=true, every version's), oldest first", request: { params: IdParams, query: AuditQuery }, ok: { status: 200, schema: AuditList, description: "Audit events about this version" }, errors: [401, 404, 422] },
  { method: "get", path: "/api/v1/contracts/{id}/odcs", tags, summary: "The version as an Open Data Contract Standard v3 YAML file", request: { params: IdParams }, ok: { status: 200, description: "application/yaml attachment" }, errors: [401, 404, 422] },
  { method: "get", path: "/api/v1/contracts/webhooks/{teamId}", tags, summary: "The team's outgoing webhook and its delivery log (members of the team and admins)", request: { params: TeamParams }, ok: { status: 200, schema: WebhookDto, description: "Webhook without its secret" }, errors: [401, 403, 404, 422] },
  { method: "put", path: "/api/v1/contracts/webhooks/{teamId}", tags, summary: "Create or change the team's webhook; the HMAC-SHA256 signing secret is returned once on create or rotation. Private and loopback URLs are refused", request: { params: TeamParams }, body: WebhookInput, ok: { status: 200, schema: WebhookDto, description: "The webhook" }, errors: [400, 401, 403, 404, 415, 422] },
  { method: "post", path: "/api/v1/contracts/webhooks/{teamId}/ping", tags, summary: "Send a signed test delivery", request: { params: TeamParams }, ok: { status: 202, schema: z.object({ deliveryId: z.string().uuid() }), description: "Queued; see the delivery log" }, errors: [401, 403, 404, 422] },
  { method: "get", path: "/api/v1/notifications", tags: ["Notifications"], summary: "The caller's in-app notifications, newest first, and the unread count", request: { query: NotificationQuery }, ok: { status: 200, schema: NotificationList, description: "Up to 50 notifications" }, errors: [401, 422] },
  { method: "post", path: "/api/v1/notifications/read", tags: ["Notifications"], summary: "Mark notifications read (all when ids is omitted)", body: MarkReadInput, ok: { status: 200, schema: z.object({ updated: z.number().int() }), description: "How many changed" }, errors: [400, 401, 415, 422] },
];
