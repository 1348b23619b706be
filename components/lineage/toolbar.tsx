"use client";

import { ChevronDown, Download } from "lucide-react";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { CLASSIFICATIONS, PROTOCOLS, STYLES, UNCLASSIFIED } from "@/lib/catalog/schemas";
import { HEALTH_STATUSES, type LineageMap } from "@/lib/lineage/schemas";
import type { ViewNode } from "./model";
import { KIND_LABEL } from "./nodes";
import { ALL, toggleIn, type FilterKey, type ViewChange, type ViewState } from "./view-state";

const humanize = (value: string) => value.toLowerCase().replaceAll("_", " ");
type Option = { value: string; label: string };

function MultiMenu({ title, options, selected, onToggle }: { title: string; options: Option[]; selected: string[]; onToggle(value: string, on: boolean): void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant={selected.length ? "secondary" : "outline"} size="sm">
          {title}
          {selected.length ? ` (${selected.length})` : ""}
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="max-h-80 overflow-y-auto">
        <DropdownMenuLabel>{title}</DropdownMenuLabel>
        {options.map((option) => (
          <DropdownMenuCheckboxItem
            key={option.value}
            checked={selected.includes(option.value)}
            onSelect={(event) => event.preventDefault()}
            onCheckedChange={(on) => onToggle(option.value, on)}
          >
            {option.label}
          </DropdownMenuCheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

type Props = {
  state: ViewState;
  map: LineageMap | undefined;
  nodes: ViewNode[];
  update(change: ViewChange): void;
  onSearchPick(id: string): void;
  onExport(format: "svg" | "png"): void;
  /** Fits the whole map in view. */
  onFit(): void;
};

/** Filters, expand and collapse, search-to-select, zoom and export above the map. */
export function MapToolbar({ state, map, nodes, update, onSearchPick, onExport, onFit }: Props) {
  const [search, setSearch] = useState("");
  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (q.length < 2) return [];
    return nodes.filter((n) => n.name.toLowerCase().includes(q)).slice(0, 8);
  }, [search, nodes]);

  const options: Record<FilterKey, Option[]> = {
    domain: (map?.domains ?? []).map((d) => ({ value: d.id, label: d.name })),
    team: (map?.teams ?? []).map((t) => ({ value: t.id, label: t.name })),
    protocol: PROTOCOLS.map((p) => ({ value: p, label: p })),
    style: STYLES.map((s) => ({ value: s, label: humanize(s) })),
    classification: [...CLASSIFICATIONS, UNCLASSIFIED].map((c) => ({ value: c, label: humanize(c) })),
    health: HEALTH_STATUSES.map((h) => ({ value: h, label: humanize(h) })),
  };
  const titles: Record<FilterKey, string> = { domain: "Domain", team: "Team", protocol: "Protocol", style: "Style", classification: "Classification", health: "Health" };
  const filtered = (Object.keys(titles) as FilterKey[]).some((k) => state[k].length > 0);
  const allOpen = state.xd[0] === ALL && state.xs[0] === ALL;
  const noneOpen = state.xd.length === 0 && state.xs.length === 0;
  const focused = !!state.focus;

  return (
    <div className="grid gap-2">
      <div role="toolbar" aria-label="Filters" className="flex flex-wrap items-center gap-2">
        {(Object.keys(titles) as FilterKey[]).map((key) => (
          <MultiMenu key={key} title={titles[key]} options={options[key]} selected={state[key]} onToggle={(value, on) => update((current) => ({ [key]: toggleIn(current[key], value, on) }))} />
        ))}
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => update({ domain: [], team: [], protocol: [], style: [], classification: [], health: [] })}>
            Clear filters
          </Button>
        ) : null}
        <span className="mx-1 h-6 w-px bg-border" aria-hidden="true" />
        <Button
          variant="outline"
          size="sm"
          disabled={focused}
          title={focused ? "A focus shows every node around it; leave the focus to fold domains" : "Fold every domain and fit the map: the domain overview"}
          onClick={() => {
            update({ xd: [], xs: [] });
            onFit();
          }}
        >
          Collapse all
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={focused || allOpen}
          title={focused ? "A focus shows every node around it" : "Open every domain and system where it stands"}
          onClick={() => update({ xd: [ALL], xs: [ALL] })}
        >
          Expand all
        </Button>
        {!focused && !noneOpen ? <span className="text-xs text-muted-foreground">{allOpen ? "All expanded" : "Some expanded"}</span> : null}
      </div>
      <div role="toolbar" aria-label="View" className="flex flex-wrap items-center gap-2">
        <div className="relative w-72">
          <Input type="search" aria-label="Find a node" placeholder="Find a domain, system or interface" value={search} onChange={(e) => setSearch(e.target.value)} />
          {matches.length ? (
            <ul aria-label="Matching nodes" className="absolute top-full z-20 mt-1 grid w-full rounded-md border bg-popover p-1 shadow">
              {matches.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className="w-full truncate rounded px-2 py-1 text-left text-sm hover:bg-accent"
                    onClick={() => {
                      onSearchPick(n.id);
                      setSearch("");
                    }}
                  >
                    {KIND_LABEL[n.kind]} {n.name}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="sm">
              <Download aria-hidden="true" /> Export
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuItem onSelect={() => onExport("svg")}>Current view as SVG</DropdownMenuItem>
            <DropdownMenuItem onSelect={() => onExport("png")}>Current view as PNG</DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuLabel className="font-normal text-muted-foreground">The picture shows what the map shows now.</DropdownMenuLabel>
          </DropdownMenuContent>
        </DropdownMenu>
        <Legend />
      </div>
    </div>
  );
}

function Legend() {
  const item = (label: string, stroke: string, dash?: string, width = 1.5) => (
    <span className="flex items-center gap-1">
      <svg width="28" height="8" aria-hidden="true">
        <line x1="0" y1="4" x2="28" y2="4" stroke={stroke} strokeDasharray={dash} strokeWidth={width} />
      </svg>
      {label}
    </span>
  );
  return (
    <span className="ml-auto flex gap-3 text-xs text-muted-foreground" aria-label="Edge legend">
      {item("event", "var(--info)", "6 4")}
      {item("request/response", "var(--primary)")}
      {item("batch", "var(--warning)", "2 4", 2.5)}
    </span>
  );
}
