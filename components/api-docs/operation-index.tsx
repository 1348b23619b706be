import type { OperationGroup } from "@/lib/api/openapi";
import { countOf } from "@/lib/utils/format";

/**
 * Every operation by tag, rendered on the server: the reader sees what the API offers as soon as the page arrives,
 * while the interactive renderer (schemas, examples, try-it) loads; it takes this list's place once it is ready.
 */
export function OperationIndex({ groups }: { groups: OperationGroup[] }) {
  const total = groups.reduce((n, g) => n + g.operations.length, 0);
  return (
    <section aria-labelledby="operation-index" className="grid gap-4 p-4">
      <h2 id="operation-index" className="text-sm font-medium text-muted-foreground">
        {countOf(total, "operation")} in {countOf(groups.length, "group")}; schemas, examples and requests appear as the full reference loads.
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        {groups.map((group) => (
          <div key={group.tag} className="grid min-w-0 content-start gap-1.5">
            <h3 className="font-semibold">{group.tag}</h3>
            <ul aria-label={`${group.tag} operations`} className="grid gap-1 text-sm">
              {group.operations.map((op) => (
                <li key={`${op.method} ${op.path}`} className="grid grid-cols-[4rem_minmax(0,1fr)] gap-2">
                  <span className="font-mono text-xs leading-5 font-semibold">{op.method}</span>
                  <span className="min-w-0">
                    <code className="block text-xs leading-5 break-all">{op.path}</code>
                    <span className="text-muted-foreground">{op.summary}</span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
