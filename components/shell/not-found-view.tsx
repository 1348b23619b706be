import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** The 404 body, used by app/not-found.tsx (outside the shell) and app/(portal)/not-found.tsx (inside it). */
export function NotFoundView() {
  return (
    <section aria-labelledby="not-found-title" className="flex flex-col items-center justify-center gap-4 py-16 text-center">
      <div className="flex size-11 items-center justify-center rounded-lg border bg-muted/60 text-muted-foreground">
        <SearchX aria-hidden="true" className="size-5" />
      </div>
      <div className="flex max-w-md flex-col gap-1.5">
        <p className="font-mono text-xs tracking-wide text-muted-foreground">404 · Not found</p>
        <h1 id="not-found-title" className="text-xl font-semibold tracking-tight">
          Page not found
        </h1>
        <p className="text-sm text-balance text-muted-foreground">
          This page doesn&apos;t exist, or what it showed has been removed or is not visible to you.
        </p>
      </div>
      <Button asChild variant="outline" size="sm">
        <Link href="/">Back to overview</Link>
      </Button>
    </section>
  );
}
