import { Badge } from "@/components/ui/badge";
import { STATUS_LABELS, statusVariant } from "./labels";

export function StatusBadge({ status }: { status: string }) {
  return <Badge variant={statusVariant(status)}>{STATUS_LABELS[status] ?? status}</Badge>;
}
