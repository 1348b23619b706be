// The contract version lifecycle as a pure state machine: DRAFT -> IN_REVIEW -> APPROVED -> ACTIVE ->
// DEPRECATED -> RETIRED, or REJECTED. Every status change in lib/contracts goes through `transition`.
import type { ContractStatus } from "./schemas";

export type LifecycleEvent = "submit" | "request_changes" | "reject" | "approve" | "activate" | "deprecate" | "retire";

const TRANSITIONS: Record<ContractStatus, Partial<Record<LifecycleEvent, ContractStatus>>> = {
  DRAFT: { submit: "IN_REVIEW" },
  IN_REVIEW: { request_changes: "DRAFT", reject: "REJECTED", approve: "APPROVED" },
  APPROVED: { activate: "ACTIVE", reject: "REJECTED" },
  ACTIVE: { deprecate: "DEPRECATED" },
  DEPRECATED: { retire: "RETIRED" },
  RETIRED: {},
  REJECTED: {},
};

export type TransitionResult = { ok: true; to: ContractStatus } | { ok: false; reason: string };

/** Where `event` takes a version in `from`, or why it cannot. Deprecation needs a sunset date after `now`. */
export function transition(from: ContractStatus, event: LifecycleEvent, options: { sunsetDate?: Date | null; now?: Date } = {}): TransitionResult {
  const to = TRANSITIONS[from][event];
  if (!to) return { ok: false, reason: `A ${label(from)} version cannot ${event.replace("_", " ")}${allowedHint(from)}` };
  if (event === "deprecate") {
    if (!options.sunsetDate) return { ok: false, reason: "Deprecating needs a sunset date" };
    if (options.sunsetDate.getTime() <= (options.now ?? new Date()).getTime()) return { ok: false, reason: "The sunset date must lie in the future" };
  }
  return { ok: true, to };
}

/** The events a version in `status` accepts. */
export function allowedEvents(status: ContractStatus): LifecycleEvent[] {
  return Object.keys(TRANSITIONS[status]) as LifecycleEvent[];
}

export function isTerminal(status: ContractStatus): boolean {
  return allowedEvents(status).length === 0;
}

/** Versions consumers may rely on, and that later proposals are checked against for compatibility. */
export const PUBLISHED_STATUSES: readonly ContractStatus[] = ["APPROVED", "ACTIVE", "DEPRECATED"];

function label(status: ContractStatus): string {
  return status.toLowerCase().replace("_", " ");
}

function allowedHint(status: ContractStatus): string {
  const events = allowedEvents(status);
  return events.length ? ` (it can: ${events.map((e) => e.replace("_", " ")).join(", ")})` : ` (${label(status)} is final)`;
}
