import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { Role } from "./nav";
import { label } from "@/lib/utils/labels";

const ROLE_VARIANTS: Record<Role, BadgeVariant> = {
  ADMIN: "default",
  ARCHITECT: "info",
  COMPLIANCE: "warning",
  MEMBER: "secondary",
};

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge variant={ROLE_VARIANTS[role]} className={className}>
      {label("Role", role)}
    </Badge>
  );
}
