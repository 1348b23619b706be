"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { apiFetch } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import type { GlobalSearchResult, SearchHit } from "@/lib/search/schemas";
import { cn } from "@/lib/utils/cn";

const KIND_LABEL: Record<SearchHit["kind"], string> = { domain: "Domain", system: "System", interface: "Interface", flow: "Flow", contract: "Contract", field: "Field" };

const searchKeys = { query: (q: string) => ["search", q] as const };

/** Typing in a field, a text area or an editor must not open the search. */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** Global search (Ctrl+K, ⌘K or /) over domains, systems, interfaces, flows, contracts and fields. */
export function GlobalSearch() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const router = useRouter();
  const listId = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        setOpen(true);
      } else if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target)) {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 150);
    return () => clearTimeout(timer);
  }, [text]);

  const result = useQuery({
    queryKey: searchKeys.query(q),
    queryFn: () => apiFetch<GlobalSearchResult>(`/api/v1/search?q=${encodeURIComponent(q)}`),
    enabled: open && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const hits = q ? (result.data?.hits ?? []) : [];

  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    router.push(hit.href);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setText("");
      }}
    >
      <Button variant="outline" size="sm" className="gap-2 text-muted-foreground" onClick={() => setOpen(true)} aria-keyshortcuts="Control+K /" aria-label="Search (Ctrl+K)">
        <Search aria-hidden="true" className="size-4" />
        <span className="hidden sm:inline">Search</span>
        <kbd className="hidden rounded border px-1 font-mono text-[11px] lg:inline">Ctrl K</kbd>
      </Button>
      <DialogContent className="top-[15%] max-w-xl translate-y-0 gap-3 p-4">
        <DialogTitle>Search the estate</DialogTitle>
        <DialogDescription>Domains, systems, interfaces, flows, contracts and fields. Typos are forgiven.</DialogDescription>
        <Input
          autoFocus
          role="combobox"
          aria-label="Search"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
          placeholder="e.g. payments, customer id, order placed"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown") setActive((i) => Math.min(i + 1, hits.length - 1));
            else if (event.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
            else if (event.key === "Enter") go(hits[active]);
            else return;
            event.preventDefault();
          }}
        />
        <ul id={listId} role="listbox" aria-label="Search results" className="grid max-h-[50vh] gap-0.5 overflow-y-auto">
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}:${hit.id}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={cn("flex cursor-pointer items-baseline gap-2 rounded-md px-2 py-1.5 text-sm", i === active && "bg-accent text-accent-foreground")}
              onMouseEnter={() => setActive(i)}
              onClick={() => go(hit)}
            >
              <span className="w-20 shrink-0 text-xs text-muted-foreground">{KIND_LABEL[hit.kind]}</span>
              <span className="min-w-0 truncate font-medium">{hit.title}</span>
              {hit.detail ? <span className="ml-auto min-w-0 truncate text-xs text-muted-foreground">{hit.detail}</span> : null}
            </li>
          ))}
        </ul>
        {q && result.isSuccess && hits.length === 0 ? <p className="text-sm text-muted-foreground">Nothing matches “{q}”.</p> : null}
        {result.isError ? <p className="text-sm text-destructive">Search failed: {(result.error as Error).message}</p> : null}
      </DialogContent>
    </Dialog>
  );
}
