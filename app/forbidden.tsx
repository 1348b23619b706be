import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata: Metadata = { title: "Forbidden" };

// Outside the portal's shell; signed-in pages use app/(portal)/forbidden.tsx, which keeps the menu.
export default function RootForbidden() {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <Forbidden />
    </main>
  );
}
