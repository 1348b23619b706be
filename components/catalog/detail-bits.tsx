import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** A titled card section of a detail page. */
export function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** Label/value pairs, e.g. owner, system and domain under a page title. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">{item.label}</dt>
          <dd>{item.value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RefLink({ href, name }: { href: string; name: string }) {
  return (
    <Link href={href} className="font-medium hover:underline">
      {name}
    </Link>
  );
}

export function BackToCatalog() {
  return (
    <Link href="/catalog" className="hover:underline">
      Catalog
    </Link>
  );
}
