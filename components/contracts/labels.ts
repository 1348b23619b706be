import type { BadgeVariant } from "@/components/ui/badge";

export function statusVariant(status: string): BadgeVariant {
  switch (status) {
    case "ACTIVE":
      return "success";
    case "APPROVED":
    case "IN_REVIEW":
      return "info";
    case "DEPRECATED":
      return "warning";
    case "REJECTED":
      return "destructive";
    default:
      return "secondary";
  }
}

export function decisionVariant(decision: string): BadgeVariant {
  return decision === "APPROVED" ? "success" : decision === "REJECTED" ? "destructive" : decision === "CHANGES_REQUESTED" ? "warning" : "secondary";
}

export function levelVariant(level: string): BadgeVariant {
  return level === "ERR" ? "destructive" : level === "WARN" ? "warning" : "info";
}

export const AUDIT_LABELS: Record<string, string> = {
  "contract.propose": "Proposed",
  "contract.submit": "Submitted for review",
  "contract.update": "Draft edited",
  "contract.approve": "Approved",
  "contract.reject": "Rejected",
  "contract.request_changes": "Requested changes",
  "contract.status": "Status changed",
  "contract.activate": "Activated",
  "contract.deprecate": "Deprecated",
  "contract.retire": "Retired",
  "contract.comment": "Commented",
  "contract.subscribe": "Flow subscribed",
};
