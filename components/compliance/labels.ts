import type { BadgeVariant } from "@/components/ui/badge";

export const SEVERITY_VARIANT: Record<string, BadgeVariant> = { CRITICAL: "destructive", HIGH: "destructive", MEDIUM: "warning", LOW: "info" };
export const LEVEL_VARIANT: Record<string, BadgeVariant> = { RESTRICTED: "destructive", CONFIDENTIAL: "warning", INTERNAL: "secondary", PUBLIC: "outline" };
export const TRANSFER_TOOL_LABEL: Record<string, string> = {
  ADEQUACY: "Adequacy decision (Art. 45)",
  SCC: "Standard contractual clauses (Art. 46(2)(c))",
  BCR: "Binding corporate rules (Art. 47)",
  DEROGATION: "Derogation (Art. 49)",
  PUBLIC_AUTHORITY_INSTRUMENT: "Instrument between public authorities (Art. 46(2)(a))",
  AUTHORITY_SCC: "Supervisory authority clauses (Art. 46(2)(d))",
  CODE_OF_CONDUCT: "Code of conduct (Art. 46(2)(e))",
  CERTIFICATION: "Certification (Art. 46(2)(f))",
  AD_HOC_CLAUSES: "Authorised ad hoc clauses (Art. 46(3)(a))",
};
export const PCI_ELEMENT_LABEL: Record<string, string> = {
  PAN: "PAN",
  CARDHOLDER_NAME: "Cardholder name",
  EXPIRY: "Expiry date",
  SERVICE_CODE: "Service code",
  SAD: "Sensitive authentication data",
};
export const percent = (part: number, total: number) => (total === 0 ? "0%" : `${Math.round((part / total) * 1000) / 10}%`);
