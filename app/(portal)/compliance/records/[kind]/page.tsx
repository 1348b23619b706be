import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { FillFromCatalogButton } from "@/components/compliance/records/fill-button";
import { KIND_LABEL, type Refs } from "@/components/compliance/records/fields";
import { RecordTable } from "@/components/compliance/records/record-table";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listRecords, listRecordRefs } from "@/lib/compliance/records/data";
import { RecordKind } from "@/lib/compliance/records/schemas";

export const metadata: Metadata = { title: "Compliance records · Interchange" };

export default async function RecordsPage({ params }: { params: Promise<{ kind: string }> }) {
  const parsed = RecordKind.safeParse((await params).kind);
  if (!parsed.success) notFound();
  const kind = parsed.data;
  const ctx = await pageCtx();
  if (!can(ctx, "compliance.read")) forbidden();
  const [rows, refs] = await Promise.all([listRecords(ctx, kind), listRecordRefs(ctx)]);
  const canManage = can(ctx, "compliance.manage");

  return (
    <>
      <PageHeader
        title={KIND_LABEL[kind].many}
        description={KIND_LABEL[kind].about}
        actions={
          <>
            {canManage && (kind === "providers" || kind === "services") ? <FillFromCatalogButton /> : null}
            <Button asChild variant="outline">
              <Link href="/compliance/exports">Exports</Link>
            </Button>
          </>
        }
      />
      <RecordTable kind={kind} rows={rows} refs={refs satisfies Refs} canManage={canManage} />
    </>
  );
}
