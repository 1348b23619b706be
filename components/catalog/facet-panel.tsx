"use client";

import { Button } from "@/components/ui/button";
import type { FacetCounts, FacetName } from "@/lib/catalog/schemas";
import { label as labelOf } from "@/lib/utils/labels";
import { FACET_ENUM, FACET_TITLES } from "./labels";
import { useCatalogUrl, valuesOf } from "./use-catalog-url";
import { countOf } from "@/lib/utils/format";

const ORDER: FacetName[] = ["kind", "protocol", "style", "lifecycle", "classification", "domain", "ownerTeam"];

/**
 * Checkbox facets with counts; several values of one facet widen the search, different facets narrow it. Counts
 * estimated from a sample (text matching very many interfaces) show as "≈ n".
 */
export function FacetPanel({ facets, estimated = false }: { facets: FacetCounts; estimated?: boolean }) {
  const { values, update, params } = useCatalogUrl();
  const active = ORDER.some((f) => params.get(f));

  function toggle(facet: FacetName, value: string, on: boolean) {
    update((current) => {
      const next = valuesOf(current, facet).filter((v) => v !== value);
      if (on) next.push(value);
      return { [facet]: next.length ? next.join(",") : null };
    });
  }

  return (
    <aside aria-label="Filters" className="grid content-start gap-5">
      {estimated ? <p className="text-xs text-muted-foreground">Counts are estimates from a sample of the catalog.</p> : null}
      {active ? (
        <Button variant="outline" size="sm" onClick={() => update(Object.fromEntries(ORDER.map((f) => [f, null])))}>
          Clear filters
        </Button>
      ) : null}
      {ORDER.map((facet) => {
        const selected = new Set(values(facet));
        const options = facets[facet];
        if (options.length === 0 && selected.size === 0) return null;
        return (
          <fieldset key={facet} className="grid gap-1.5">
            <legend className="mb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">{FACET_TITLES[facet]}</legend>
            {options.map((option) => {
              const label = facet === "domain" || facet === "ownerTeam" ? option.label : labelOf(FACET_ENUM[facet], option.value);
              return (
                <label key={option.value} className="flex items-center gap-2 text-sm">
                  {/* Uncontrolled, so the tick shows at once; the key remounts it when the URL's state arrives. */}
                  <input
                    key={String(selected.has(option.value))}
                    type="checkbox"
                    className="size-4 accent-primary"
                    defaultChecked={selected.has(option.value)}
                    onChange={(e) => toggle(facet, option.value, e.target.checked)}
                  />
                  <span className="min-w-0 flex-1 truncate">{label}</span>
                  <span className="text-xs text-muted-foreground tabular-nums" aria-label={`${estimated ? "about " : ""}${countOf(option.count, "interface")}`}>
                    {estimated ? "≈ " : ""}
                    {option.count}
                  </span>
                </label>
              );
            })}
          </fieldset>
        );
      })}
    </aside>
  );
}
