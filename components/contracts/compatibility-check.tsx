"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import semver from "semver";
import { apiFetch } from "@/components/api/client";
import { Badge } from "@/components/ui/badge";
import type { DiffResult } from "@/lib/diff/types";
import { label } from "@/lib/utils/labels";
import { countOf } from "@/lib/utils/format";

export type PublishedVersion = { id: string; version: string; status: string; schema: string };

/**
 * The version number a change needs: a new major when it breaks any subscribed version under the mode, a minor when
 * it changes anything, a patch otherwise; counted from the highest existing version.
 */
export function requiredVersion(highest: string, breaking: boolean, changed: boolean): string {
  if (!semver.valid(highest)) return "1.0.0";
  return semver.inc(highest, breaking ? "major" : changed ? "minor" : "patch")!;
}

type Result = { version: PublishedVersion; diff: DiffResult };

/** Live check of the proposed schema against every subscribed (active or deprecated) version, before submitting. */
export function CompatibilityCheck({ schema, mode, version, highest, published }: { schema: string; mode: string; version: string; highest: string | null; published: PublishedVersion[] }) {
  const [debounced, setDebounced] = useState(schema);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(schema), 600);
    return () => clearTimeout(timer);
  }, [schema]);
  const check = useQuery({
    queryKey: ["contracts", "compatibility", mode, debounced, published.map((p) => p.id)],
    queryFn: () =>
      Promise.all(
        published.map(async (p): Promise<Result> => ({ version: p, diff: await apiFetch<DiffResult>("/api/v1/diff", { method: "POST", body: { previous: p.schema, next: debounced, mode } }) })),
      ),
    enabled: published.length > 0 && debounced.trim().length > 0,
    retry: false,
  });
  if (published.length === 0 || !highest) return null;
  const results = check.data ?? [];
  const breaking = results.some((r) => r.diff.breaking);
  const changed = results.some((r) => r.diff.changes.length > 0);
  const needed = requiredVersion(highest, breaking, changed);
  const tooLow = semver.valid(version) && semver.valid(needed) ? semver.lt(version, needed) : false;
  return (
    <section aria-label="Compatibility check" aria-live="polite" className="grid gap-2 rounded-lg border p-3 text-sm">
      <h3 className="font-semibold">Compatibility with subscribed versions ({label("CompatibilityMode", mode).toLowerCase()})</h3>
      {check.isFetching && !check.data ? <p className="text-muted-foreground">Checking…</p> : null}
      {check.error ? <p className="text-destructive">The schema cannot be compared yet: {(check.error as Error).message}</p> : null}
      {check.data ? (
        <>
          <ul className="grid gap-1">
            {results.map((r) => {
              const errors = r.diff.changes.filter((c) => c.level === "ERR").length;
              const warnings = r.diff.changes.filter((c) => c.level === "WARN").length;
              return (
                <li key={r.version.id} className="flex flex-wrap items-center gap-2">
                  <Badge variant={errors ? "destructive" : warnings ? "warning" : "secondary"}>{errors ? "Breaking" : warnings ? "Check" : "Compatible"}</Badge>
                  against {r.version.version} ({label("ContractStatus", r.version.status).toLowerCase()}): {errors} breaking, {countOf(warnings, "warning")}, {countOf(r.diff.changes.length, "change")}
                </li>
              );
            })}
          </ul>
          <p role="status">
            This change needs version <strong>{needed}</strong> or higher{breaking ? " (it breaks consumers, so a new major version approved by every subscribed consumer)" : ""}.
            {tooLow ? <span className="text-destructive"> The version you entered, {version}, is too low.</span> : null}
          </p>
          {breaking ? (
            <ul className="list-disc pl-5 text-xs" aria-label="Breaking changes">
              {results
                .flatMap((r) => r.diff.changes.filter((c) => c.level === "ERR"))
                .slice(0, 8)
                .map((c) => (
                  <li key={c.id}>
                    <code>{c.path}</code>: {c.message}
                  </li>
                ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
