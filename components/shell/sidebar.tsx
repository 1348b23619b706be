"use client";

import { Menu, Waypoints } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { cn } from "@/lib/utils/cn";
import { activeHref, navigationFor, type Role } from "./nav";

/** The product name and mark; a link home unless `link` is false (e.g. on the sign-in page). */
export function ProductMark({ className, link = true }: { className?: string; link?: boolean }) {
  const classes = cn(
    "flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
    className,
  );
  const content = (
    <>
      <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground shadow-xs">
        <Waypoints aria-hidden="true" className="size-4" />
      </span>
      Interchange
    </>
  );
  return link ? (
    <Link href="/" className={classes}>
      {content}
    </Link>
  ) : (
    <div className={classes}>{content}</div>
  );
}

/** The navigation links for a role, with the current page marked aria-current="page". */
export function SidebarNav({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const pathname = usePathname() ?? "/";
  const sections = navigationFor(role);
  const current = activeHref(
    pathname,
    sections.flatMap((section) => section.items.map((item) => item.href)),
  );

  return (
    <nav aria-label="Main" className="flex flex-col gap-5">
      {sections.map((section) => {
        const headingId = `nav-section-${section.id}`;
        return (
          <div key={section.id} className="flex flex-col gap-0.5">
            {section.label ? (
              <h2 id={headingId} className="px-2 pb-1 text-xs font-medium text-muted-foreground">
                {section.label}
              </h2>
            ) : null}
            <ul aria-labelledby={section.label ? headingId : undefined} className="flex flex-col gap-0.5">
              {section.items.map((item) => {
                const isCurrent = item.href === current;
                const Icon = item.icon;
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={isCurrent ? "page" : undefined}
                      onClick={onNavigate}
                      className={cn(
                        "flex h-8 items-center gap-2.5 rounded-md px-2 text-sm text-sidebar-foreground transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:outline-2 focus-visible:outline-ring",
                        isCurrent && "bg-sidebar-accent font-medium text-sidebar-accent-foreground",
                      )}
                    >
                      <Icon
                        aria-hidden="true"
                        className={cn("size-4 shrink-0", isCurrent ? "text-primary" : "text-muted-foreground")}
                      />
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

/** The fixed sidebar on medium screens and up. */
export function Sidebar({ role }: { role: Role }) {
  return (
    <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r border-sidebar-border bg-sidebar md:flex">
      <div className="flex h-14 shrink-0 items-center px-4">
        <ProductMark />
      </div>
      <div className="flex-1 overflow-y-auto px-3 pt-2 pb-4">
        <SidebarNav role={role} />
      </div>
    </aside>
  );
}

/** Below the md breakpoint: a menu button that opens the navigation in a drawer, closed again on navigation. */
export function MobileNav({ role }: { role: Role }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon-sm" className="md:hidden" aria-label="Open navigation">
          <Menu aria-hidden="true" />
        </Button>
      </DialogTrigger>
      <DialogContent
        className="top-0 left-0 h-dvh max-h-dvh w-72 max-w-[85vw] translate-x-0 translate-y-0 content-start gap-0 rounded-none border-0 border-r border-sidebar-border bg-sidebar p-0 data-[state=open]:animate-slide-in-left"
      >
        <DialogTitle className="sr-only">Navigation</DialogTitle>
        <DialogDescription className="sr-only">Sections of the Interchange portal</DialogDescription>
        <div className="flex h-14 items-center px-4">
          <ProductMark />
        </div>
        <div className="overflow-y-auto px-3 pt-2 pb-4">
          <SidebarNav role={role} onNavigate={() => setOpen(false)} />
        </div>
      </DialogContent>
    </Dialog>
  );
}
