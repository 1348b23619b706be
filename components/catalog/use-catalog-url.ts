"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useSyncExternalStore, useTransition } from "react";

/**
 * The search the catalog last asked for, while the server has not answered it yet. A navigation reaches the address
 * bar only when the server's answer arrives, so quick clicks (two facets, a facet while a search is loading) would
 * each build on the same old URL and all but the last would be lost. `issued` holds the queries of this chain of
 * requests (and where it started), so the address bar showing one of them means the chain still stands; any other
 * address (back, a link) starts afresh. Shared by the search bar and the facets, which each use the hook.
 */
type Requested = { query: string; issued: Set<string> };
let requested: Requested | null = null;
let mounted = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const requestedQuery = () => requested?.query ?? null;
function setRequested(next: Requested | null) {
  requested = next;
  for (const listener of listeners) listener();
}

/** The query the next change builds on: the last one asked for while it is on its way, else the address bar. */
function baseQuery(): string {
  const here = window.location.search.replace(/^\?/, "");
  return requested?.issued.has(here) ? requested.query : here;
}

/**
 * The catalog's state lives in the URL, so a search can be shared and reloaded. Changing any filter drops the
 * cursor: the next page of an old result set means nothing for a new one. What the hook shows is what was last
 * asked for, so a ticked facet stays ticked while its results load.
 */
export function useCatalogUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const committed = useSearchParams();
  const [pending, startTransition] = useTransition();
  const asked = useSyncExternalStore(subscribe, requestedQuery, () => null);
  const committedQuery = committed.toString();

  useEffect(() => {
    if (requested?.query === committedQuery) setRequested(null);
  }, [committedQuery]);
  // Leaving the catalog drops a request that never arrived, so coming back starts from the address bar.
  useEffect(() => {
    mounted++;
    return () => {
      if (--mounted === 0) requested = null;
    };
  }, []);

  /** Changes, or a function of the current state (what was last asked for) to changes: quick clicks add up. */
  function update(change: Changes | ((current: URLSearchParams) => Changes)) {
    const base = baseQuery();
    const next = new URLSearchParams(base);
    const changes = typeof change === "function" ? change(new URLSearchParams(base)) : change;
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("cursor" in changes)) next.delete("cursor");
    const query = next.toString();
    const issued = new Set(requested?.issued.has(window.location.search.replace(/^\?/, "")) ? requested.issued : [base]);
    issued.add(query);
    setRequested({ query, issued });
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  const params = new URLSearchParams(asked !== null && requested?.issued.has(committedQuery) ? asked : committedQuery);
  const values = (key: string) => valuesOf(params, key);
  return { params, values, update, pending };
}

type Changes = Record<string, string | null>;

/** A parameter's comma-separated values. */
export const valuesOf = (params: URLSearchParams, key: string) => (params.get(key) ?? "").split(",").filter(Boolean);
