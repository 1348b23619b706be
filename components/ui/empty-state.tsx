import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export type EmptyStateProps = {
  /** A lucide icon component, e.g. `icon={Activity}`. */
  icon?: LucideIcon;
  title: string;
  description?: ReactNode;
  /** A button or link that gets the user out of the empty state. */
  action?: ReactNode;
  /** Heading level of the title (h2 by default). */
  headingLevel?: "h2" | "h3";
  className?: string;
};

/** Says what will appear here and what produces it, instead of an empty table. */
export function EmptyState({ icon: Icon, title, description, action, headingLevel = "h2", className }: EmptyStateProps) {
  const Heading = headingLevel;
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed bg-card px-6 py-12 text-center",
        className,
      )}
    >
      {Icon ? (
        <div className="flex size-10 items-center justify-center rounded-lg border bg-muted/60 text-muted-foreground">
          <Icon aria-hidden="true" className="size-5" />
        </div>
      ) : null}
      <div className="flex max-w-md flex-col gap-1">
        <Heading className="text-sm font-semibold">{title}</Heading>
        {description ? <div className="text-sm text-balance text-muted-foreground">{description}</div> : null}
      </div>
      {action ? <div className="mt-1 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
