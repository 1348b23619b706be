import { FileCheck2 } from "lucide-react";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ProposeForm } from "@/components/contracts/propose-form";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { AppError } from "@/lib/api/errors";
import { pageCtx } from "@/lib/auth/session";
import { proposableInterfaces, proposalStart } from "@/lib/contracts/data";
import { label } from "@/lib/utils/labels";

export const metadata = { title: "Propose a contract · Interchange" };

type Params = Record<string, string | string[] | undefined>;
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export default async function NewContractPage({ searchParams }: { searchParams: Promise<Params> }) {
  const ctx = await pageCtx();
  const query = await searchParams;
  const raw = query.interface;
  const interfaceId = typeof raw === "string" && isUuid(raw) ? raw : undefined;
  const baseId = typeof query.base === "string" && isUuid(query.base) ? query.base : undefined;

  if (!interfaceId) {
    const options = await proposableInterfaces(ctx);
    return (
      <>
        <PageHeader title="Propose a contract" description="Choose one of your team's interfaces. A new version starts from its latest contract, or from its imported spec." />
        {options.length === 0 ? (
          <EmptyState icon={FileCheck2} title="No interfaces of yours" description="Contracts are proposed by the team that owns an interface." />
        ) : (
          <form action="/contracts/new" className="flex max-w-xl flex-wrap items-end gap-2">
            <label className="grid flex-1 gap-1 text-sm">
              Interface
              <Select name="interface">
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                    {o.hasContract ? "" : " (no contract yet)"}
                  </option>
                ))}
              </Select>
            </label>
            <Button type="submit">Continue</Button>
          </form>
        )}
      </>
    );
  }

  let start;
  try {
    start = await proposalStart(ctx, interfaceId, baseId);
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <>
      <PageHeader
        eyebrow={
          start.latest ? (
            <Link href={`/contracts/${start.latest.id}`} className="text-sm text-muted-foreground hover:underline">
              ← {start.interface.name} {start.latest.version}
            </Link>
          ) : undefined
        }
        title={`Propose ${start.interface.name}`}
        description={
          start.base
            ? `Starts from version ${start.base.version} (${label("ContractStatus", start.base.status).toLowerCase()}). On submission it is compared with earlier versions, and every consuming team (and compliance where needed) is asked to approve.`
            : "The first contract for this interface, starting from its imported spec."
        }
      />
      {start.bases.length > 1 ? (
        <form action="/contracts/new" className="flex max-w-xl flex-wrap items-end gap-2" aria-label="Start from another version">
          <input type="hidden" name="interface" value={start.interface.id} />
          <label className="grid flex-1 gap-1 text-sm">
            Start from
            <Select name="base" defaultValue={start.base?.id}>
              {start.bases.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.version} ({label("ContractStatus", b.status).toLowerCase()})
                </option>
              ))}
            </Select>
          </label>
          <Button type="submit" variant="outline">
            Use this version
          </Button>
        </form>
      ) : null}
      <ProposeForm
        interfaceId={start.interface.id}
        interfaceName={start.interface.name}
        ownerTeam={start.ownerTeam}
        initial={start.content}
        published={start.published}
        highest={start.latest?.version ?? null}
      />
    </>
  );
}
