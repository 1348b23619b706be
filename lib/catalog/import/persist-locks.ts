// What an import must do one at a time. A Backstage catalog touches teams, domains, systems and flows across many
// entities, so it imports alone. A document of one API only conflicts with imports naming the same interface, slug,
// system, domain or team: it takes the import lock shared (so it never runs beside a catalog) and one exclusive lock
// per name it may create, in sorted order (no deadlock). Unrelated documents write side by side; before this, every
// document of every import waited for the one before it, classification suggestions and policy checks included.
import type { Prisma } from "@/lib/db/generated/client";
import type { ImportedDocument } from "./model";
import { slugify } from "./persist-rules";

type Tx = Prisma.TransactionClient;

const IMPORT_LOCK_KEY = 7_142_020_003;
// Namespace of the per-name locks (pg_advisory_xact_lock(int, int)): the first half of "import names".
const NAME_LOCK_CLASS = 71_420_204;

/** The names a document of one API may create or update, each as "kind:name". */
export function lockedNames(docs: readonly ImportedDocument[]): string[] {
  const names = new Set<string>();
  const add = (kind: string, ...values: (string | undefined)[]) => {
    for (const value of values) if (value) names.add(`${kind}:${value}`);
  };
  for (const doc of docs) {
    for (const i of doc.interfaces) {
      add("interface", i.sourceKey, i.legacySourceKey);
      // A taken slug becomes "name-2": "Foo" and "Foo 2" may both want "foo-2", so the lock is on the base.
      add("slug", slugify(i.name).replace(/-\d+$/, ""));
      add("system", i.systemSlug);
      add("domain", i.domainSlug);
      add("team", i.ownerTeamSlug);
    }
    for (const s of doc.systems) {
      add("system", s.slug);
      add("domain", s.domainSlug);
      add("team", s.ownerTeamSlug);
    }
    for (const d of doc.domains) {
      add("domain", d.slug);
      add("team", d.ownerTeamSlug);
    }
    for (const f of doc.flows) {
      add("interface", f.interfaceSourceKey);
      add("system", f.consumerSystemSlug);
    }
    for (const t of doc.teams ?? []) add("team", t.slug, t.parentSlug);
  }
  return [...names].sort();
}

/** Takes the locks an import of these documents needs, until its transaction ends. */
export async function lockImport(tx: Tx, docs: readonly ImportedDocument[]): Promise<void> {
  if (docs.some((d) => d.format === "BACKSTAGE")) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
    return;
  }
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${IMPORT_LOCK_KEY})`;
  // One round trip for all names, taken one after another in the sorted order of the array.
  const names = lockedNames(docs);
  if (names.length) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NAME_LOCK_CLASS}::int, hashtext(u.name)) FROM unnest(${names}::text[]) WITH ORDINALITY AS u(name, n) ORDER BY u.n`;
  }
}
