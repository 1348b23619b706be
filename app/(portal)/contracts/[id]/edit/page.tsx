import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { ProposeForm } from "@/components/contracts/propose-form";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { getContract } from "@/lib/contracts/data";

export const metadata = { title: "Edit draft · Interchange" };

/** The producer revises a draft (for instance after a consumer requested changes) and resubmits it. */
export default async function EditDraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const ctx = await pageCtx();
  const contract = await loadOr404(getContract(ctx, id));
  if (!contract.permissions.edit) {
    forbidden();
  }
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/contracts/${id}`} className="text-sm text-muted-foreground hover:underline">
            ← {contract.interface.name} {contract.version}
          </Link>
        }
        title={`Edit ${contract.interface.name} ${contract.version}`}
        description="Submitting again asks every required approver afresh."
      />
      <ProposeForm
        draftId={id}
        interfaceId={contract.interface.id}
        interfaceName={contract.interface.name}
        ownerTeam={contract.ownerTeam?.name ?? null}
        initial={{
          version: contract.version,
          compatibilityMode: contract.compatibilityMode,
          schemaFormat: contract.schemaFormat,
          schema: contract.schema,
          sla: contract.sla,
          errorHandling: contract.errorHandling,
          classification: contract.classification,
          personalData: contract.personalData,
          crossBorderTransfer: contract.crossBorderTransfer,
          description: contract.description ?? undefined,
          changeNote: contract.changeNote ?? undefined,
        }}
      />
    </>
  );
}
