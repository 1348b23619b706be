import { ArrowRight, Braces, History, Users, UsersRound, type LucideIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin" };

const SECTIONS: { href: string; title: string; description: string; icon: LucideIcon }[] = [
  {
    href: "/admin/users",
    title: "Users",
    description: "Who can sign in, their role, and the teams they belong to.",
    icon: Users,
  },
  {
    href: "/admin/teams",
    title: "Teams",
    description: "Teams own domains, systems and contracts; membership grants producer and consumer rights.",
    icon: UsersRound,
  },
  {
    href: "/admin/audit",
    title: "Audit trail",
    description: "Every change, append-only and hash-chained, verifiable end to end.",
    icon: History,
  },
  {
    href: "/api-docs",
    title: "API reference",
    description: "The versioned REST API under /api/v1, from the portal's own OpenAPI document.",
    icon: Braces,
  },
];

export default async function AdminPage() {
  // The admin area is for those who manage users: admins.
  if (!can(await pageCtx(), "user.manage")) forbidden();

  return (
    <>
      <PageHeader title="Admin" description="People, teams, the audit trail and the API that everything in the portal goes through." />
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {SECTIONS.map(({ href, title, description, icon: Icon }) => {
          const id = `admin-card-${href.replace(/\W+/g, "-")}`;
          return (
          <li key={href}>
            <Link
              href={href}
              aria-labelledby={`${id}-title`}
              aria-describedby={`${id}-description`}
              className="group flex h-full flex-col gap-3 rounded-lg border bg-card p-5 text-card-foreground shadow-xs transition-colors hover:border-ring/40 hover:bg-accent/40 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
            >
              <span className="flex size-9 items-center justify-center rounded-md border bg-muted/60 text-muted-foreground group-hover:text-primary">
                <Icon aria-hidden="true" className="size-4" />
              </span>
              <span className="flex flex-col gap-1">
                <span className="flex items-center gap-1.5 text-sm font-semibold">
                  <span id={`${id}-title`}>{title}</span>
                  <ArrowRight
                    aria-hidden="true"
                    className="size-3.5 text-muted-foreground transition-transform group-hover:translate-x-0.5"
                  />
                </span>
                <span
                  id={`${id}-description`}
                  className="text-sm text-muted-foreground"
                >
                  {description}
                </span>
              </span>
            </Link>
          </li>
          );
        })}
      </ul>
    </>
  );
}
