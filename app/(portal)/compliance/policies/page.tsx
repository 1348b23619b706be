import Link from "next/link";
import { forbidden } from "next/navigation";
import { PolicySettingsCard } from "@/components/compliance/policy-settings";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listSystems } from "@/lib/catalog/browse";
import { listPolicies } from "@/lib/compliance/policy-settings";

export const metadata = { title: "Compliance policies · Interchange" };

export default async function PoliciesPage() {
  const ctx = await pageCtx();
  if (!can(ctx, "compliance.read")) forbidden();
  const [policies, systems] = await Promise.all([listPolicies(ctx), listSystems(ctx)]);
  const canManage = can(ctx, "compliance.policy");
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<Link href="/compliance" className="hover:underline">Compliance</Link>}
        title="Policies"
        description={canManage ? "Switch policies on or off and tune them; every change is audited and re-evaluates the whole estate." : "Administrators switch policies on or off and tune them."}
      />
      {policies.map((p) => (
        <PolicySettingsCard key={p.key} policy={p} systems={systems.map((s) => ({ id: s.id, name: s.name }))} canManage={canManage} />
      ))}
    </div>
  );
}
