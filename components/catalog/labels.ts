import type { BadgeVariant } from "@/components/ui/badge";
import type { EnumName } from "@/lib/utils/labels";

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

/** The enum each coded facet draws its words from (domain and owner team carry their own names). */
export const FACET_ENUM = { kind: "InterfaceKind", protocol: "Protocol", style: "IntegrationStyle", lifecycle: "Lifecycle", classification: "Classification" } as const satisfies Partial<
  Record<keyof typeof FACET_TITLES, EnumName>
>;

export function lifecycleVariant(lifecycle: string): BadgeVariant {
  return lifecycle === "ACTIVE" ? "success" : lifecycle === "DEPRECATED" ? "warning" : "secondary";
}

export function classificationVariant(classification: string | null): BadgeVariant {
  return classification === "RESTRICTED" ? "destructive" : classification === "CONFIDENTIAL" ? "warning" : "outline";
}
