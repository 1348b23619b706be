import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { ROLE_LABELS, type Role } from "./nav";

const ROLE_VARIANTS: Record<Role, BadgeVariant> = {
  ADMIN: "default",
  ARCHITECT: "info",
  COMPLIANCE: "warning",
  MEMBER: "secondary",
};

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge variant={ROLE_VARIANTS[role]} className={className}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}
