import type { BadgeVariant } from "@/components/ui/badge";

/** How enum values read in the UI. */
export const FACET_TITLES = {
  domain: "Domain",
  ownerTeam: "Owner team",
  kind: "Kind",
  protocol: "Protocol",
  style: "Style",
  lifecycle: "Lifecycle",
  classification: "Classification",
} as const;

const WORDS: Record<string, string> = {
  REQUEST_RESPONSE: "Request/response",
  EVENT: "Event",
  BATCH: "Batch",
  API: "API",
  FILE: "File",
  DATABASE: "Database",
  UNCLASSIFIED: "Unclassified",
};

export function humanize(value: string): string {
  if (WORDS[value]) return WORDS[value];
  if (/^[A-Z]{2,6}$/.test(value) && !["ACTIVE", "PUBLIC"].includes(value)) return value; // protocols: HTTP, GRPC
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll("_", " ");
}

export function lifecycleVariant(lifecycle: string): BadgeVariant {
  return lifecycle === "ACTIVE" ? "success" : lifecycle === "DEPRECATED" ? "warning" : "secondary";
}

export function classificationVariant(classification: string | null): BadgeVariant {
  return classification === "RESTRICTED" ? "destructive" : classification === "CONFIDENTIAL" ? "warning" : "outline";
}
