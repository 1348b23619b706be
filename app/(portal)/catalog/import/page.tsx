import Link from "next/link";
import { forbidden } from "next/navigation";
import { ImportUpload } from "@/components/catalog/import-upload";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listDomains, listSystems } from "@/lib/catalog/browse";
import { listTeams } from "@/lib/teams/data";

export const metadata = { title: "Import specs · Interchange" };

export default async function ImportPage() {
  const ctx = await pageCtx();
  // Members import through their teams' ownership, checked per interface on the server; without a team they cannot.
  if (!can(ctx, "catalog.import") && !ctx.actor?.teamIds.length) {
    forbidden();
  }
  const [teams, systems, domains] = await Promise.all([listTeams(ctx), listSystems(ctx), listDomains(ctx)]);
  // Architects and admins may give any team; a member only one of their own teams.
  const ownTeams = can(ctx, "catalog.import") ? teams : teams.filter((t) => ctx.actor?.teamIds.includes(t.id));
  const choices = {
    teams: ownTeams.map((t) => ({ slug: t.slug, name: t.name })),
    systems: systems.map((s) => ({ slug: s.slug, name: s.name })),
    domains: domains.map((d) => ({ slug: d.slug, name: d.name })),
  };
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<Link href="/catalog" className="hover:underline">Catalog</Link>}
        title="Import specs"
        description="The files are resolved together (a folder's Backstage entities, $refs between files), then each spec file is imported in its own transaction: a changed spec becomes a new version, an unchanged one is left alone, and a file with an error is reported with its line and nothing from it is written."
        actions={
          <Button asChild variant="outline">
            <Link href="/catalog">Back to catalog</Link>
          </Button>
        }
      />
      <ImportUpload choices={choices} />
    </div>
  );
}
