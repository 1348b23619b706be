import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

export type ForbiddenProps = {
  title?: string;
  description?: ReactNode;
};

/** What a page renders instead of its content when the signed-in user's role or team may not see it. */
export function Forbidden({
  title = "You don't have access to this page",
  description = "Your role doesn't include this part of Interchange. If you need it for your work, ask an administrator.",
}: ForbiddenProps) {
  return (
    <section aria-labelledby="forbidden-title" className="flex flex-col items-center justify-center gap-4 py-16 text-center">
      <div className="flex size-11 items-center justify-center rounded-lg border bg-muted/60 text-muted-foreground">
        <ShieldAlert aria-hidden="true" className="size-5" />
      </div>
      <div className="flex max-w-md flex-col gap-1.5">
        <p className="font-mono text-xs tracking-wide text-muted-foreground">403 · Forbidden</p>
        <h1 id="forbidden-title" className="text-xl font-semibold tracking-tight">
          {title}
        </h1>
        <p className="text-sm text-balance text-muted-foreground">{description}</p>
      </div>
      <Button asChild variant="outline" size="sm">
        <Link href="/">Back to overview</Link>
      </Button>
    </section>
  );
}
