import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { HealthStatusValue } from "@/lib/health/schemas";
import { label } from "@/lib/utils/labels";

export const STATUS_VARIANT: Record<HealthStatusValue, BadgeVariant> = { OK: "success", AT_RISK: "warning", BREACHED: "destructive", NO_DATA: "outline" };
export const STATUS_DOT: Record<HealthStatusValue, string> = {
  OK: "bg-success",
  AT_RISK: "bg-warning",
  BREACHED: "bg-destructive",
  NO_DATA: "bg-muted-foreground/40",
};

export function StatusBadge({ status }: { status: HealthStatusValue }) {
  return <Badge variant={STATUS_VARIANT[status]}>{label("HealthStatus", status)}</Badge>;
}
