import type { BadgeVariant } from "@/components/ui/badge";

export const SEVERITY_VARIANT: Record<string, BadgeVariant> = { CRITICAL: "destructive", HIGH: "destructive", MEDIUM: "warning", LOW: "info" };
export const LEVEL_VARIANT: Record<string, BadgeVariant> = { RESTRICTED: "destructive", CONFIDENTIAL: "warning", INTERNAL: "secondary", PUBLIC: "outline" };
export const percent = (part: number, total: number) => (total === 0 ? "0%" : `${Math.round((part / total) * 1000) / 10}%`);
