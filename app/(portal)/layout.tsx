import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageActor } from "@/lib/auth/session";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  // Only what the shell shows goes to the client components.
  return <AppShell user={{ name: actor.name, email: actor.email, role: actor.role }}>{children}</AppShell>;
}
