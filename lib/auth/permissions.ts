import type { Role } from "@/lib/db/generated/enums";

/** Every permission the product checks, as "resource.action". */
export const PERMISSIONS = [
  "catalog.read",
  "catalog.write",
  "catalog.import",
  // Accepting an interface into a team (lib/catalog/transfers.ts): that team's leads, and admins.
  "interface.transfer.accept",
  "lineage.read",
  "contract.read",
  "contract.propose",
  "contract.approve",
  // Deciding a consuming team's review (members of that team) and the compliance review (compliance officers).
  // No role holds both, and ADMIN holds neither: separation of duties (lib/contracts/rules.ts).
  "contract.decide.team",
  "contract.decide.compliance",
  // An admin's emergency decision on someone else's review: reasoned, audited and notified (workflow.ts).
  "contract.break_glass",
  "contract.subscribe",
  "webhook.manage",
  "health.read",
  "health.evaluate",
  "agent.manage",
  // Held by connector agents (Ctx.via "agent") for the flows in their scope; see can.ts.
  "telemetry.write",
  "compliance.read",
  "compliance.manage",
  "compliance.export",
  "compliance.edit",
  "compliance.policy",
  "user.read",
  "user.manage",
  "team.read",
  "team.manage",
  "audit.read",
  "token.manage",
  // Rule settings per domain (lib/governance); admins only.
  "governance.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ["catalog.read", "lineage.read", "contract.read", "health.read", "team.read"];

/** What each role may do anywhere. Team ownership adds rights on owned resources (see can.ts). */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  ADMIN: new Set(PERMISSIONS.filter((p) => p !== "contract.decide.team" && p !== "contract.decide.compliance")),
  ARCHITECT: new Set<Permission>([...EVERYONE, "catalog.write", "catalog.import", "compliance.read", "audit.read", "user.read"]),
  COMPLIANCE: new Set<Permission>([
    ...EVERYONE,
    "compliance.read",
    "compliance.manage",
    "compliance.export",
    "compliance.edit",
    "contract.approve",
    "contract.decide.compliance",
    "audit.read",
    "user.read",
  ]),
  MEMBER: new Set<Permission>(EVERYONE),
};

/** Rights a member of the owning (producer) team gets on that team's resources. */
export const OWNER_TEAM_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  "catalog.write",
  "catalog.import",
  "contract.propose",
  "webhook.manage",
  // A flow's, system's or interface's residency, transfer and encryption facts (lib/compliance).
  "compliance.edit",
]);

/** Rights a lead of a team gets on that team's resources, beyond its members' rights. */
export const LEAD_TEAM_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["interface.transfer.accept"]);

/** Rights a member of a consuming team gets on resources its flows rely on. */
export const CONSUMER_TEAM_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["contract.approve", "contract.decide.team", "contract.subscribe"]);
