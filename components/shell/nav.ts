import {
  Activity,
  Bot,
  FileDown,
  FolderArchive,
  Inbox,
  TriangleAlert,
  Braces,
  FileCheck2,
  Gauge,
  History,
  LayoutDashboard,
  Library,
  Settings,
  ShieldCheck,
  Users,
  UsersRound,
  Workflow,
  type LucideIcon,
} from "lucide-react";
import type { Actor } from "@/lib/auth/can";

export type Role = Actor["role"];

export type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Roles that see the link; absent means every signed-in user. Pages still check access themselves. */
  roles?: readonly Role[];
};

export type NavSection = { id: string; label?: string; items: readonly NavItem[] };

const COMPLIANCE_READERS: readonly Role[] = ["ADMIN", "ARCHITECT", "COMPLIANCE"];

export const NAVIGATION: readonly NavSection[] = [
  {
    id: "estate",
    items: [
      { href: "/", label: "Overview", icon: LayoutDashboard },
      { href: "/catalog", label: "Catalog", icon: Library },
      { href: "/lineage", label: "Lineage", icon: Workflow },
      { href: "/contracts", label: "Contracts", icon: FileCheck2 },
      { href: "/contracts/inbox", label: "Review inbox", icon: Inbox },
      { href: "/health", label: "Health", icon: Activity },
      { href: "/health/agents", label: "Agents", icon: Bot },
      { href: "/governance", label: "Governance", icon: Gauge },
      // The dashboard is for compliance readers; members see their own teams' violations on catalog pages.
      { href: "/compliance", label: "Compliance", icon: ShieldCheck, roles: COMPLIANCE_READERS },
      { href: "/compliance/violations", label: "Violations", icon: TriangleAlert, roles: COMPLIANCE_READERS },
      { href: "/compliance/records", label: "Records", icon: FolderArchive, roles: COMPLIANCE_READERS },
      { href: "/compliance/exports", label: "Exports", icon: FileDown, roles: COMPLIANCE_READERS },
    ],
  },
  {
    id: "admin",
    label: "Administration",
    items: [
      { href: "/admin", label: "Admin", icon: Settings, roles: ["ADMIN"] },
      { href: "/admin/users", label: "Users", icon: Users, roles: ["ADMIN"] },
      { href: "/admin/teams", label: "Teams", icon: UsersRound, roles: ["ADMIN"] },
      { href: "/admin/audit", label: "Audit trail", icon: History, roles: ["ADMIN", "ARCHITECT", "COMPLIANCE"] },
    ],
  },
  {
    id: "developers",
    label: "Developers",
    items: [{ href: "/api-docs", label: "API reference", icon: Braces }],
  },
];

/** The sections and links a role sees; sections left without links are dropped. */
export function navigationFor(role: Role, sections: readonly NavSection[] = NAVIGATION): NavSection[] {
  return sections
    .map((section) => ({ ...section, items: section.items.filter((item) => !item.roles || item.roles.includes(role)) }))
    .filter((section) => section.items.length > 0);
}

/**
 * The one link to mark current: the longest href that equals the path or is a parent of it
 * ("/catalog" for "/catalog/orders-api", "/admin/users" rather than "/admin" for "/admin/users/42").
 * "/" only matches itself, or every page would be under Overview.
 */
export function activeHref(pathname: string, hrefs: readonly string[]): string | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  let best: string | null = null;
  for (const href of hrefs) {
    const matches = path === href || (href !== "/" && path.startsWith(`${href}/`));
    if (matches && (best === null || href.length > best.length)) best = href;
  }
  return best;
}

