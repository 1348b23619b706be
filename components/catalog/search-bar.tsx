"use client";

import { Search } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useCatalogUrl } from "./use-catalog-url";

const SORTS = [
  { value: "relevance", label: "Relevance" },
  { value: "name", label: "Name" },
  { value: "updated", label: "Recently updated" },
  { value: "consumers", label: "Most consumers" },
];

/** The search box (searches as you type, after a pause) and the sort order. */
export function SearchBar() {
  const { params, update, pending } = useCatalogUrl();
  const current = params.get("q") ?? "";
  const [q, setQ] = useState(current);

  useEffect(() => {
    if (q.trim() === current) return;
    const timer = setTimeout(() => update({ q: q.trim() || null }), 300);
    return () => clearTimeout(timer);
    // Only typing should schedule a search; `update` changes identity on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ q: q.trim() || null });
  }

  return (
    <form role="search" onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-center" aria-busy={pending}>
      <div className="relative flex-1">
        <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          type="search"
          aria-label="Search interfaces"
          placeholder="Search names, operations, channels, messages, fields…"
          className="pl-8"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <label className="flex items-center gap-2 text-sm text-muted-foreground">
        Sort
        <Select aria-label="Sort by" value={params.get("sort") ?? "relevance"} onChange={(e) => update({ sort: e.target.value === "relevance" ? null : e.target.value })} wrapperClassName="w-44">
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </Select>
      </label>
    </form>
  );
}
