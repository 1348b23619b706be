"use client";

import { Workflow } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { LineageFlow, type CanvasHandle, type Highlight } from "./lineage-flow";
import { buildView, type Focus, type ViewNode } from "./model";
import { mapFilters, useFieldTrace, useFocusGraph, useLineageMap } from "./queries";
import { FieldLineage, FocusPanel, NodeDetails } from "./side-panel";
import { MapToolbar } from "./toolbar";
import { useLayout } from "./use-layout";
import { layoutKey, parseViewState, serializeViewState, toggleCollapsed, type ViewChange, type ViewState } from "./view-state";

/** How long a change not yet in the address bar is trusted over it (router.replace commits in a transition). */
const PENDING_MS = 1500;

/** The interactive lineage map: whole estate or a focus, filtered and collapsed as the URL says. */
export function LineageMap() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseViewState(params), [params]);
  const canvas = useRef<CanvasHandle>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The newest state asked for: quick changes build on it even before the address bar shows the previous one.
  const pending = useRef<{ query: string; state: ViewState; at: number } | null>(null);
  useEffect(() => {
    if (pending.current && pending.current.query === params.toString()) pending.current = null;
  }, [params]);
  const update = useCallback(
    (change: ViewChange) => {
      const fresh = pending.current && Date.now() - pending.current.at < PENDING_MS ? pending.current.state : null;
      const current = fresh ?? parseViewState(new URLSearchParams(window.location.search));
      const changes = typeof change === "function" ? change(current) : change;
      const next = { ...current, ...changes };
      // A traced field belongs to the selected interface.
      if (changes.sel !== undefined && changes.field === undefined && changes.sel !== current.sel) next.field = null;
      const query = serializeViewState(next).toString();
      pending.current = { query, state: next, at: Date.now() };
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  const filters = useMemo(() => mapFilters(state), [state]);
  const map = useLineageMap(filters);
  const focusGraph = useFocusGraph(state.focus, state.depth, state.dir);
  const focus: Focus | null = useMemo(() => {
    if (!state.focus || !focusGraph.data) return null;
    return {
      hops: new Map(focusGraph.data.nodes.map((n) => [n.id, n.hop])),
      flowIds: new Set(focusGraph.data.edges.flatMap((e) => (e.flowId ? [e.flowId] : []))),
    };
  }, [state.focus, focusGraph.data]);

  const shapeKey = layoutKey(state);
  const graph = useMemo(() => {
    if (!map.data || (state.focus && !focus)) return null;
    return buildView(map.data, parseViewState(new URLSearchParams(shapeKey)), focus);
    // The graph depends on the layout-relevant state only (shapeKey), not on selection or the traced field.
  }, [map.data, shapeKey, focus, state.focus]);
  const layout = useLayout(graph, shapeKey);
  const positions = useMemo(() => layout?.result.positions ?? {}, [layout]);
  const ready = !!graph && graph.nodes.length > 0 && graph.nodes.every((n) => positions[n.id]);
  const nodeById = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, n])), [graph]);
  const selected = state.sel ? nodeById.get(state.sel) : undefined;

  const selectedInterface = selected?.kind === "interface" ? selected.id : null;
  const trace = useFieldTrace(selectedInterface, state.field);
  const highlight: Highlight = useMemo(() => {
    if (!state.field || !trace.data || trace.data.path !== state.field || !selectedInterface) return null;
    const nodes = new Set<string>([selectedInterface]);
    const flowIds = new Set<string>();
    for (const h of trace.data.hops) {
      nodes.add(h.sourceInterfaceId).add(h.targetInterfaceId).add(h.consumerSystemId);
      flowIds.add(h.flowId);
    }
    return { nodes, flowIds };
  }, [state.field, trace.data, selectedInterface]);

  const onToggleCollapse = useCallback(
    (node: ViewNode) => {
      if (!map.data) return;
      if (node.kind === "domain" && node.domainId) update((current) => ({ cd: toggleCollapsed(current.cd, node.domainId!, map.data!.domains.map((d) => d.id)), sel: null }));
      if (node.kind === "system") update((current) => ({ cs: toggleCollapsed(current.cs, node.id, map.data!.systems.map((s) => s.id)) }));
    },
    [map.data, update],
  );

  const onExport = async (format: "svg" | "png") => {
    if (!canvas.current) return;
    try {
      await canvas.current.exportImage(format);
    } catch (error) {
      setNotice(`The picture could not be made: ${(error as Error).message}`);
    }
  };

  if (map.isError) return <Alert variant="destructive">The lineage map could not be loaded: {map.error.message}</Alert>;
  const focusNode = state.focus ? nodeById.get(state.focus) : undefined;
  const empty = graph && graph.nodes.length === 0;
  const status = !graph
    ? "Loading the estate…"
    : empty
      ? "Nothing matches"
      : `${graph.nodes.length.toLocaleString("en")} nodes, ${graph.edges.length.toLocaleString("en")} edges${
          layout && ready ? ` · ${layout.result.algorithm === "elk" ? "layered layout" : "fast layer layout"}${layout.cached ? " (cached)" : ` in ${Math.round(layout.result.ms)} ms`}` : " · laying out…"
        }`;

  return (
    <div className="grid gap-3">
      <MapToolbar
        state={state}
        map={map.data}
        nodes={graph?.nodes ?? []}
        update={update}
        onSearchPick={(id) => {
          update({ sel: id });
          canvas.current?.centerOn(id);
        }}
        onExport={onExport}
      />
      <p role="status" className="text-xs text-muted-foreground">
        {status}
      </p>
      {notice ? <Alert variant="destructive">{notice}</Alert> : null}
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="h-[70vh] min-h-[420px] min-w-0 overflow-hidden rounded-md border">
          {empty ? (
            <EmptyState
              icon={Workflow}
              title={state.focus ? "Nothing around this node" : "No flows match"}
              description={state.focus ? "No flow reaches this node within the hops asked for, or the filters hide them." : "Clear some filters to see more of the estate. Flows appear when teams declare them in the catalog or agents discover them."}
            />
          ) : graph ? (
            <LineageFlow
              ref={canvas}
              graph={graph}
              positions={positions}
              ready={ready}
              selectedId={selected ? selected.id : null}
              highlight={highlight}
              onSelect={(id) => update({ sel: id })}
              onActivate={(id) => {
                const node = nodeById.get(id);
                if (node?.kind === "domain" || (node?.kind === "system" && node.collapsed)) onToggleCollapse(node);
                else update({ focus: id, sel: id });
              }}
              label="Lineage map. Arrow keys move between nodes, Enter focuses the selected node, plus and minus zoom, 0 fits the view."
            />
          ) : null}
        </div>
        <aside aria-label="Details" className="grid min-w-0 content-start gap-3 overflow-hidden break-words">
          {state.focus ? <FocusPanel focusNode={focusNode} state={state} update={update} /> : null}
          {selected ? <NodeDetails node={selected} state={state} update={update} onToggleCollapse={onToggleCollapse} /> : null}
          {selectedInterface ? <FieldLineage interfaceId={selectedInterface} field={state.field} update={update} /> : null}
          {!selected && !state.focus ? (
            <p className="text-sm text-muted-foreground">
              Select a node to see its owner, classification and health, focus on it to see {""}
              what it feeds and what feeds it, and read what a change there would affect.
            </p>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

