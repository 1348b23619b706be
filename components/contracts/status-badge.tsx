import { Badge } from "@/components/ui/badge";
import { statusVariant } from "./labels";
import { label } from "@/lib/utils/labels";

export function StatusBadge({ status }: { status: string }) {
  return <Badge variant={statusVariant(status)}>{label("ContractStatus", status)}</Badge>;
}
