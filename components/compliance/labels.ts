import type { BadgeVariant } from "@/components/ui/badge";

export const SEVERITY_VARIANT: Record<string, BadgeVariant> = { CRITICAL: "destructive", HIGH: "destructive", MEDIUM: "warning", LOW: "info" };
export const LEVEL_VARIANT: Record<string, BadgeVariant> = { RESTRICTED: "destructive", CONFIDENTIAL: "warning", INTERNAL: "secondary", PUBLIC: "outline" };
export const TRANSFER_TOOL_LABEL: Record<string, string> = {
  ADEQUACY: "Adequacy decision (Art. 45)",
  SCC: "Standard contractual clauses (Art. 46(2)(c))",
  BCR: "Binding corporate rules (Art. 47)",
  DEROGATION: "Derogation (Art. 49)",
};
export const PCI_ELEMENT_LABEL: Record<string, string> = {
  PAN: "PAN",
  CARDHOLDER_NAME: "Cardholder name",
  EXPIRY: "Expiry date",
  SERVICE_CODE: "Service code",
  SAD: "Sensitive authentication data",
};
export const percent = (part: number, total: number) => (total === 0 ? "0%" : `${Math.round((part / total) * 1000) / 10}%`);
