import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { decisionVariant } from "@/components/contracts/labels";
import { StatusBadge } from "@/components/contracts/status-badge";
import { loadOr404 } from "@/components/catalog/load";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pageCtx } from "@/lib/auth/session";
import { getInbox } from "@/lib/contracts/data";
import type { InboxItem } from "@/lib/contracts/schemas";
import { label } from "@/lib/utils/labels";

export const metadata: Metadata = { title: "Review inbox" };

function Rows({ items, caption, decided }: { items: (InboxItem & { decision?: string })[]; caption: string; decided?: boolean }) {
  return (
    <Table>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Contract</TableHead>
          <TableHead>Version</TableHead>
          <TableHead>Reviewing as</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>{decided ? "Your decision" : "Changes"}</TableHead>
          <TableHead>Requested</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.approvalId}>
            <TableCell className="font-medium">
              <Link href={`/contracts/${item.contract.id}`} className="hover:underline">
                {item.contract.interface.name} {item.contract.version}
              </Link>
            </TableCell>
            <TableCell className="font-mono text-xs">{item.contract.version}</TableCell>
            <TableCell>{item.label}</TableCell>
            <TableCell>
              <StatusBadge status={item.contract.status} />
            </TableCell>
            <TableCell>
              {decided ? (
                <Badge variant={decisionVariant(item.decision ?? "")}>{item.decision ? label("ApprovalDecision", item.decision) : null}</Badge>
              ) : item.contract.breaking ? (
                <Badge variant="destructive">breaking</Badge>
              ) : (
                <Badge variant="success">compatible</Badge>
              )}
            </TableCell>
            <TableCell className="text-xs text-muted-foreground">{new Date(item.createdAt).toISOString().slice(0, 16).replace("T", " ")}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const ctx = await pageCtx();
  const { from } = await searchParams;
  const inbox = await loadOr404(getInbox(ctx, { cursor: from }));
  return (
    <>
      <PageHeader
        title="Review inbox"
        description="Contract versions waiting for your team's decision (and, for compliance officers, every version carrying personal, confidential or cross-border data)."
      />
      <section aria-labelledby="pending-heading" className="grid gap-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Waiting for you ({inbox.pending.length}
          {inbox.nextCursor || from ? " on this page" : ""})
        </h2>
        {inbox.pending.length === 0 ? (
          <EmptyState icon={Inbox} title="Nothing to review" description="New proposals for interfaces your team consumes appear here." headingLevel="h3" />
        ) : (
          <Rows items={inbox.pending} caption="Reviews waiting for you" />
        )}
        {(from || inbox.nextCursor) && (
          <p className="flex gap-4 text-sm">
            {from && <Link href="/contracts/inbox" className="hover:underline">← Newest</Link>}
            {inbox.nextCursor && <Link href={`/contracts/inbox?from=${encodeURIComponent(inbox.nextCursor)}`} className="hover:underline">Older reviews →</Link>}
          </p>
        )}
      </section>
      {inbox.decided.length ? (
        <section aria-labelledby="decided-heading" className="grid gap-3">
          <h2 id="decided-heading" className="text-lg font-semibold">
            Decided
          </h2>
          <Rows items={inbox.decided} caption="Reviews already decided" decided />
        </section>
      ) : null}
    </>
  );
}
