"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { MAX_DEPTH } from "@/lib/lineage/schemas";
import type { ViewNode } from "./model";
import { flowSummary, HEALTH_LABEL, KIND_LABEL, STYLE_LABEL } from "./nodes";
import { ImpactSummaryView } from "./impact-summary";
import { impactUrl, useFieldTrace, useImpact } from "./queries";
import type { ViewState } from "./view-state";
import { countOf } from "@/lib/utils/format";

const section = "grid gap-2 rounded-md border bg-card p-3 text-sm";
const heading = "text-xs font-semibold tracking-wide text-muted-foreground uppercase";
const catalogHref = (node: { kind: string; id: string }) =>
  node.kind === "interface" ? `/catalog/interfaces/${node.id}` : node.kind === "system" ? `/catalog/systems/${node.id}` : `/catalog/domains/${node.id.replace(/^domain:/, "")}`;

type DetailsProps = {
  node: ViewNode;
  state: ViewState;
  update(c: Partial<ViewState>): void;
  /** The user expanded the node (zooming in also opens it, without this). */
  open: boolean;
  /** Null while a focus is shown (a focus shows every node open). */
  onToggleExpanded: ((node: ViewNode) => void) | null;
};

export function NodeDetails({ node, state, update, open, onToggleExpanded }: DetailsProps) {
  const rows: [string, string][] = [["Owner team", node.team ?? "none"]];
  if (node.protocol) rows.push(["Protocol", node.protocol]);
  if (node.style) rows.push(["Style", STYLE_LABEL[node.style]]);
  rows.push(["Classification", node.classification ? node.classification.toLowerCase() : "unclassified"]);
  // Health comes from SLA measurements; until there are some the map says so rather than guessing.
  rows.push(["Health", HEALTH_LABEL[node.health ?? "NO_DATA"]]);
  rows.push(["Policy violations", String(node.violations)]);
  rows.push(["Active contracts", String(node.contracts)]);
  if (node.counts && node.kind !== "interface") rows.push(["Holds", `${node.kind === "domain" ? `${countOf(node.counts.systems, "system")}, ` : ""}${countOf(node.counts.interfaces, "interface")}`]);
  if (node.flows) rows.push(["Flows", flowSummary(node.flows)]);
  return (
    <section aria-label="Selected node" className={section}>
      <h2 className={heading}>{KIND_LABEL[node.kind]}</h2>
      <p className="font-medium">{node.name}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="flex flex-wrap gap-2">
        {node.kind !== "domain" ? (
          <Button size="sm" onClick={() => update({ focus: node.id, sel: node.id, field: null })} disabled={state.focus === node.id}>
            Focus here
          </Button>
        ) : null}
        {node.kind !== "interface" && onToggleExpanded ? (
          <Button size="sm" variant="outline" aria-pressed={open} onClick={() => onToggleExpanded(node)}>
            {open ? "Collapse" : "Expand"}
          </Button>
        ) : null}
        <Button size="sm" variant="link" asChild>
          <Link href={catalogHref(node)}>Open {KIND_LABEL[node.kind].toLowerCase()} page</Link>
        </Button>
      </div>
    </section>
  );
}

/** Field-level lineage of the selected interface: pick a mapped field, the map lights up where it travels. */
export function FieldLineage({ interfaceId, field, update }: { interfaceId: string; field: string | null; update(c: Partial<ViewState>): void }) {
  const trace = useFieldTrace(interfaceId, field);
  const data = trace.data;
  return (
    <section aria-label="Field lineage" className={section}>
      <h2 className={heading}>Field lineage</h2>
      {trace.isPending ? <p className="text-xs text-muted-foreground">Loading fields…</p> : null}
      {data && data.fields.length === 0 ? <p className="text-xs text-muted-foreground">No flow maps a field of this interface yet.</p> : null}
      <ul className="flex flex-wrap gap-1">
        {data?.fields.map((path) => (
          <li key={path}>
            <Button size="sm" variant={path === field ? "secondary" : "outline"} aria-pressed={path === field} className="h-6 px-2 font-mono text-xs" onClick={() => update({ field: path === field ? null : path })}>
              {path}
            </Button>
          </li>
        ))}
      </ul>
      {field && data?.path === field ? (
        <ol aria-label={`Where ${field} travels`} className="grid gap-1 text-xs">
          {data.hops.length === 0 ? <li className="text-muted-foreground">No mapping carries this field further.</li> : null}
          {data.hops.map((h) => (
            <li key={`${h.direction}:${h.mappingId}`}>
              {h.direction === "down" ? "↓" : "↑"} hop {h.hop}: <span className="font-mono">{h.sourcePath}</span> → <span className="font-mono">{h.targetPath}</span>
              {h.origin === "DERIVED" ? <span className="text-muted-foreground"> (derived)</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** The focus controls and, for the focused system or interface, what a change there affects downstream. */
export function FocusPanel({ focusNode, state, update }: { focusNode: ViewNode | undefined; state: ViewState; update(c: Partial<ViewState>): void }) {
  const kind = focusNode?.kind === "interface" ? "interface" : focusNode?.kind === "system" ? "system" : null;
  const impact = useImpact(kind, state.focus, state.depth);
  const report = impact.data;
  return (
    <section aria-label="Focus and impact" className={section}>
      <h2 className={heading}>Focus</h2>
      <p className="font-medium">{focusNode?.name ?? "Focused node"}</p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-xs">
          Hops
          <Select aria-label="Hops" className="h-8 w-16" value={state.depth} onChange={(e) => update({ depth: Number(e.target.value) })}>
            {Array.from({ length: MAX_DEPTH }, (_, i) => i + 1).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex items-center gap-1 text-xs">
          Direction
          <Select aria-label="Direction" className="h-8 w-32" value={state.dir} onChange={(e) => update({ dir: e.target.value as ViewState["dir"] })}>
            <option value="down">downstream</option>
            <option value="up">upstream</option>
            <option value="both">both</option>
          </Select>
        </label>
        <Button size="sm" variant="outline" onClick={() => update({ focus: null })}>
          Show whole estate
        </Button>
      </div>
      {kind && state.focus ? (
        <div className="grid gap-2" aria-label="Downstream impact" role="region">
          <div className="flex items-center justify-between">
            <h3 className={heading}>Downstream impact</h3>
            <Button size="sm" variant="link" asChild>
              <a href={impactUrl(kind, state.focus, state.depth, "csv")} download>
                Download CSV
              </a>
            </Button>
          </div>
          {impact.isPending ? <p className="text-xs text-muted-foreground">Working out the impact…</p> : null}
          {impact.isError ? <p className="text-xs text-destructive">{impact.error.message}</p> : null}
          {report ? (
            <>
              <ImpactSummaryView summary={report.summary} />
              <ImpactList title="Affected interfaces" items={report.interfaces.map((i) => ({ id: i.id, name: i.name, hop: i.hop, href: `/catalog/interfaces/${i.id}`, note: i.system.name }))} />
              <ImpactList title="Consumer systems" items={report.consumers.map((c) => ({ id: c.id, name: c.name, hop: c.hop, href: `/catalog/systems/${c.id}`, note: c.ownerTeam?.name }))} />
              <ImpactList title="Owning teams" items={report.teams.map((t) => ({ id: t.id, name: t.name, hop: t.hop }))} />
              <ImpactList title="Active contracts" items={report.contracts.map((c) => ({ id: c.id, name: `${c.interface.name} ${c.version}`, hop: c.hop, note: c.status.toLowerCase() }))} />
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ImpactList({ title, items }: { title: string; items: { id: string; name: string; hop: number; href?: string; note?: string }[] }) {
  return (
    <div>
      <h4 className="text-xs font-medium">
        {title} ({items.length})
      </h4>
      {items.length === 0 ? <p className="text-xs text-muted-foreground">None</p> : null}
      <ul aria-label={title} className="grid max-h-40 gap-0.5 overflow-y-auto text-xs">
        {items.map((item) => (
          <li key={item.id} className="flex justify-between gap-2">
            {item.href ? (
              <Link className="truncate underline-offset-2 hover:underline" href={item.href}>
                {item.name}
              </Link>
            ) : (
              <span className="truncate">{item.name}</span>
            )}
            <span className="shrink-0 text-muted-foreground">
              {item.note ? `${item.note} · ` : ""}hop {item.hop}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
