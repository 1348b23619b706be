import Link from "next/link";
import type { ReactNode } from "react";
import { KIND_LABEL } from "@/components/compliance/records/fields";
import { RECORD_KINDS } from "@/lib/compliance/records/schemas";

/** Tabs over the record kinds, shared by the records pages. */
export default function RecordsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid gap-6">
      <nav aria-label="Record kinds" className="flex flex-wrap gap-2 text-sm">
        {RECORD_KINDS.map((kind) => (
          <Link key={kind} href={`/compliance/records/${kind}`} className="rounded-md border px-3 py-1.5 hover:bg-muted">
            {KIND_LABEL[kind].many}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
