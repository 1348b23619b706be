import { ScrollText } from "lucide-react";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { AuditTable } from "@/components/admin/audit-table";
import { VerifyChainButton } from "@/components/admin/verify-chain-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEvents } from "@/lib/audit/data";
import { AuditQuery } from "@/lib/audit/schemas";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";

export const metadata = { title: "Audit trail · Interchange" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageCtx();
  if (!can(ctx, "audit.read")) forbidden();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = AuditQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : AuditQuery.parse({});
  const page = await listAuditEvents(ctx, query);
  const next = page.nextCursor ? `?${new URLSearchParams({ ...raw, cursor: page.nextCursor })}` : null;

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Audit trail"
        description="Every change to the catalog, contracts, users, teams and tokens, append-only and hash-chained so an edited or removed event is detected."
        actions={<VerifyChainButton />}
      />
      <form className="grid gap-3 sm:grid-cols-4 sm:items-end" role="search" aria-label="Filter audit events">
        <FormField label="Action">
          <Input name="action" defaultValue={raw.action} placeholder="e.g. user.create, or user. for all" />
        </FormField>
        <FormField label="Entity type">
          <Input name="entityType" defaultValue={raw.entityType} placeholder="team" />
        </FormField>
        <FormField label="Actor email">
          <Input name="actor" type="email" defaultValue={raw.actor} />
        </FormField>
        <div className="flex gap-2">
          <Button type="submit">Filter</Button>
          <Button asChild variant="ghost">
            <Link href="/admin/audit">Clear</Link>
          </Button>
        </div>
      </form>
      {parsed.success ? null : <Alert variant="destructive">Ignored invalid filters: {parsed.error.issues.map((i) => i.message).join("; ")}</Alert>}
      {page.items.length === 0 ? (
        <EmptyState icon={ScrollText} title="No matching events" description="Changes appear here as people and agents make them." />
      ) : (
        <AuditTable events={page.items} />
      )}
      {next ? (
        <div>
          <Button asChild variant="outline">
            <Link href={next}>Older events</Link>
          </Button>
        </div>
      ) : null}
    </div>
  );
}
