import Link from "next/link";
import { notFound } from "next/navigation";
import { Section } from "@/components/catalog/detail-bits";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { ChangeList } from "@/components/contracts/change-list";
import { SideBySide } from "@/components/contracts/side-by-side";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { pageCtx } from "@/lib/auth/session";
import { compareContracts, getContract } from "@/lib/contracts/data";
import { label } from "@/lib/utils/labels";

export const metadata = { title: "Compare contract versions · Interchange" };

type Params = Record<string, string | string[] | undefined>;

/** Any two versions of one contract side by side, with lib/diff's readable change list between them. */
export default async function ComparePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Params> }) {
  const { id } = await params;
  const query = await searchParams;
  if (!isUuid(id)) notFound();
  const ctx = await pageCtx();
  const contract = await loadOr404(getContract(ctx, id));
  const pick = (v: string | string[] | undefined) => (typeof v === "string" && isUuid(v) ? v : undefined);
  const others = contract.versions.filter((v) => v.id !== contract.id);
  const from = pick(query.from) ?? others[0]?.id ?? contract.id;
  const to = pick(query.to) ?? contract.id;
  const result = await loadOr404(compareContracts(ctx, from, to));
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={
          <Link href={`/contracts/${contract.id}`} className="text-sm text-muted-foreground hover:underline">
            ← {contract.interface.name} {contract.version}
          </Link>
        }
        title={`Compare ${result.from.version} → ${result.to.version}`}
        description={`${contract.interface.name}: changes judged under ${result.to.compatibilityMode}, the newer version's mode.`}
      />
      <form className="flex flex-wrap items-end gap-2" action={`/contracts/${contract.id}/compare`}>
        <label className="grid gap-1 text-sm">
          From
          <Select name="from" defaultValue={from}>
            {contract.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.version} ({label("ContractStatus", v.status).toLowerCase()})
              </option>
            ))}
          </Select>
        </label>
        <label className="grid gap-1 text-sm">
          To
          <Select name="to" defaultValue={to}>
            {contract.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.version} ({label("ContractStatus", v.status).toLowerCase()})
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit" variant="outline">
          Compare
        </Button>
      </form>
      <Section title="Changes">
        <ChangeList changes={result.changes} />
      </Section>
      <Section title="Side by side" description="Changed lines are tinted; breaking (ERR) and doubtful (WARN) findings sit on the line they point at.">
        <SideBySide left={result.from.schema} right={result.to.schema} changes={result.changes} labels={[`${result.from.version} (${label("ContractStatus", result.from.status).toLowerCase()})`, `${result.to.version} (${label("ContractStatus", result.to.status).toLowerCase()})`]} />
      </Section>
    </div>
  );
}
