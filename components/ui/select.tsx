import { ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";
import { controlClasses } from "./input";

export type SelectProps = ComponentProps<"select"> & {
  /** Classes for the wrapper that positions the chevron (width, margins); `className` styles the <select>. */
  wrapperClassName?: string;
};

/** A native <select>, styled: keyboard, screen reader and mobile behaviour come from the browser. */
export function Select({ className, wrapperClassName, children, ...props }: SelectProps) {
  return (
    <div data-slot="select-wrapper" className={cn("relative", wrapperClassName)}>
      <select
        data-slot="select"
        className={cn(controlClasses, "h-9 cursor-pointer appearance-none py-1 pr-8 dark:[color-scheme:dark]", className)}
        {...props}
      >
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
