"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";

/**
 * The catalog's state lives in the URL, so a search can be shared and reloaded. Changing any filter drops the
 * cursor: the next page of an old result set means nothing for a new one.
 */
export function useCatalogUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  function update(changes: Record<string, string | null>) {
    // The address bar, not the last render: two quick clicks must both count.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("cursor" in changes)) next.delete("cursor");
    const query = next.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  const values = (key: string) => (params.get(key) ?? "").split(",").filter(Boolean);
  return { params, values, update, pending };
}
