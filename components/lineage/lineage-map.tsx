"use client";

import { Workflow } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import type { FieldTrace } from "@/lib/lineage/schemas";
import type { Positions } from "./layout";
import { LineageFlow, type CanvasHandle, type Highlight } from "./lineage-flow";
import { buildView, EXPAND_ALL, expansionOf, NODE_SIZE, type Focus, type ViewGraph, type ViewNode } from "./model";
import { mapFilters, useFieldTrace, useFocusGraph, useLineageMap } from "./queries";
import { regionLayout, type Boxes } from "./regions";
import { FieldLineage, FocusPanel, NodeDetails } from "./side-panel";
import { MapToolbar } from "./toolbar";
import { useLayout } from "./use-layout";
import { isExpanded, layoutKey, parseViewState, serializeViewState, toggleExpanded, type ViewChange, type ViewState } from "./view-state";
import type { ZoomLevel } from "./zoom";
import { countOf } from "@/lib/utils/format";
import { memoized } from "@/lib/utils/memo";

/**
 * The interactive lineage map: the estate's domains (opened in place, or by zooming in) or a focus, filtered as the
 * URL says.
 */
export function LineageMap() {
  const pathname = usePathname();
  const params = useSearchParams();
  const canvas = useRef<CanvasHandle>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The address bar is written at once with the browser's history.replaceState, which Next.js syncs into
  // useSearchParams without a server round trip (router.replace would render the page on the server for every
  // selection or expansion, and under load the address bar then lagged seconds behind the map, naming a node the
  // map no longer showed as selected). useSearchParams still catches up in a transition, so until it does the map
  // shows the newest state asked for, and each change builds on it (or the URL moves elsewhere: back, forward, a link).
  const [pending, setPending] = useState<{ query: string; state: ViewState; issued: Set<string> } | null>(null);
  const pendingRef = useRef(pending);
  const query = params.toString();
  useEffect(() => {
    const current = pendingRef.current;
    if (!current) return;
    if (current.query === query || !current.issued.has(query)) {
      pendingRef.current = null;
      setPending(null);
    }
  }, [query]);
  const urlState = useMemo(() => parseViewState(params), [params]);
  const state = pending?.state ?? urlState;
  const update = useCallback(
    (change: ViewChange) => {
      const current = pendingRef.current?.state ?? parseViewState(new URLSearchParams(window.location.search));
      const changes = typeof change === "function" ? change(current) : change;
      const next = { ...current, ...changes };
      // A traced field belongs to the selected interface.
      if (changes.sel !== undefined && changes.field === undefined && changes.sel !== current.sel) next.field = null;
      const nextQuery = serializeViewState(next).toString();
      const issued = new Set(pendingRef.current?.issued ?? [new URLSearchParams(window.location.search).toString()]);
      issued.add(nextQuery);
      pendingRef.current = { query: nextQuery, state: next, issued };
      setPending(pendingRef.current);
      window.history.replaceState(null, "", nextQuery ? `${pathname}?${nextQuery}` : pathname);
    },
    [pathname],
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

  // What the map holds depends on the filters and focus only (shapeKey); expansion and selection move nothing.
  const shapeKey = layoutKey(state);
  const health = state.health.join(",");
  // The overview: every node with its box, nested (domains hold systems hold interfaces).
  const estate = useMemo(() => {
    if (!map.data || state.focus) return null;
    const graph = buildView(map.data, { health: health ? health.split(",") : [] }, EXPAND_ALL, { nested: true });
    return { graph, boxes: regionLayout(graph.nodes) };
  }, [map.data, state.focus, health]);
  // A focus: its neighbourhood, every node open, laid out left to right by the layout worker.
  const focusView = useMemo(() => {
    if (!map.data || !state.focus || !focus) return null;
    return buildView(map.data, { health: health ? health.split(",") : [] }, EXPAND_ALL, { focus });
  }, [map.data, state.focus, focus, health]);
  const layout = useLayout(focusView, shapeKey);
  // Keyed by the positions object (stable per layout), not the hook's answer (a new object every render).
  const focusPositions = layout?.result.positions;
  const focusBoxes = useMemo(() => boxesOf(focusView, focusPositions), [focusView, focusPositions]);

  const xd = state.xd.join(",");
  const xs = state.xs.join(",");
  // Built once per level (and per filters and expansion), so zooming back and forth across a level does not build
  // the level's graph again.
  const graphAt = useMemo(() => {
    const open = expansionOf({ xd: xd ? xd.split(",") : [], xs: xs ? xs.split(",") : [] });
    return memoized((level: ZoomLevel): ViewGraph => {
      if (focusView) return focusView;
      if (!map.data) return { nodes: [], edges: [] };
      // At interface zoom every domain and system is open: the estate's graph, already built.
      if (level === 2 && estate) return estate.graph;
      const expansion = { domain: (id: string) => level >= 1 || open.domain(id), system: (id: string) => level >= 2 || open.system(id) };
      return buildView(map.data, { health: health ? health.split(",") : [] }, expansion, { nested: true });
    });
  }, [focusView, map.data, estate, xd, xs, health]);
  const all = focusView ?? estate?.graph ?? null;
  const boxes = focusView ? focusBoxes : (estate?.boxes ?? NO_BOXES);
  const ready = !!all && all.nodes.length > 0 && all.nodes.every((n) => boxes[n.id]);
  const nodeById = useMemo(() => new Map((all?.nodes ?? []).map((n) => [n.id, n])), [all]);
  const selected = state.sel ? nodeById.get(state.sel) : undefined;

  const selectedInterface = selected?.kind === "interface" ? selected.id : null;
  const trace = useFieldTrace(selectedInterface, state.field);
  const highlight = useHighlight(state.field, trace.data, selectedInterface);

  const isOpen = useCallback(
    (node: ViewNode) => (node.kind === "domain" ? isExpanded(state.xd, node.domainId) : node.kind === "system" ? isExpanded(state.xs, node.id) : false),
    [state.xd, state.xs],
  );
  const onToggleExpanded = useCallback(
    (node: ViewNode) => {
      if (!map.data) return;
      if (node.kind === "domain" && node.domainId) update((current) => ({ xd: toggleExpanded(current.xd, node.domainId!, map.data!.domains.map((d) => d.id)) }));
      if (node.kind === "system") update((current) => ({ xs: toggleExpanded(current.xs, node.id, map.data!.systems.map((s) => s.id)) }));
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
  const empty = all && all.nodes.length === 0;
  const status = !all ? "Loading the estate…" : empty ? "Nothing matches" : statusLine(all, focusView ? layout : null, ready);

  return (
    <div className="grid gap-3">
      <MapToolbar
        state={state}
        map={map.data}
        nodes={all?.nodes ?? []}
        update={update}
        onFit={() => canvas.current?.fit()}
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
          ) : all ? (
            <LineageFlow
              ref={canvas}
              graphAt={graphAt}
              boxes={boxes}
              lookup={nodeById}
              ready={ready}
              selectedId={selected ? selected.id : null}
              highlight={highlight}
              onSelect={(id) => update({ sel: id })}
              onActivate={(id, folded) => {
                const node = nodeById.get(id);
                if (!node) return;
                // A domain opens and folds; a system drawn folded opens; anything else becomes the focus.
                if (!state.focus && (node.kind === "domain" || (node.kind === "system" && folded))) onToggleExpanded(node);
                else if (node.kind !== "domain") update({ focus: id, sel: id });
              }}
              label="Lineage map. Zoom in to open domains and systems. Arrow keys move between nodes, Enter opens a domain or focuses the selected node, plus and minus zoom, 0 fits the view."
            />
          ) : null}
        </div>
        <aside aria-label="Details" className="grid min-w-0 content-start gap-3 overflow-hidden break-words">
          {state.focus ? <FocusPanel focusNode={focusNode} state={state} update={update} /> : null}
          {selected ? <NodeDetails node={selected} state={state} update={update} open={isOpen(selected)} onToggleExpanded={state.focus ? null : onToggleExpanded} /> : null}
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


const NO_BOXES: Boxes = {};

/** A focus graph's boxes: the layout worker's positions with the nodes' fixed sizes. */
function boxesOf(graph: ViewGraph | null, positions: Positions | undefined): Boxes {
  const boxes: Boxes = {};
  if (!graph || !positions) return boxes;
  for (const n of graph.nodes) {
    const p = positions[n.id];
    if (p) boxes[n.id] = { ...p, ...NODE_SIZE[n.kind] };
  }
  return boxes;
}

function statusLine(graph: ViewGraph, layout: ReturnType<typeof useLayout>, ready: boolean): string {
  const count = (kind: ViewNode["kind"]) => graph.nodes.filter((n) => n.kind === kind).length;
  const flows = graph.edges.reduce((sum, e) => sum + (e.kind === "flow" ? e.count : 0), 0);
  const [systems, interfaces, domains] = [count("system"), count("interface"), count("domain")];
  const held = `${countOf(systems + interfaces, "node")} (${domains ? `${countOf(domains, "domain")}, ` : ""}${countOf(systems, "system")}, ${countOf(interfaces, "interface")}), ${countOf(flows, "flow")}`;
  if (!layout) return held;
  return `${held} · ${!ready ? "laying out…" : `${layout.result.algorithm === "elk" ? "layered layout" : "fast layer layout"}${layout.cached ? " (cached)" : ` in ${Math.round(layout.result.ms)} ms`}`}`;
}

/** The nodes and flows a traced field travels through, once the trace for that field has arrived. */
function useHighlight(field: string | null, trace: FieldTrace | undefined, interfaceId: string | null): Highlight {
  return useMemo(() => {
    if (!field || !trace || trace.path !== field || !interfaceId) return null;
    const nodes = new Set<string>([interfaceId]);
    const flowIds = new Set<string>();
    for (const h of trace.hops) {
      nodes.add(h.sourceInterfaceId).add(h.targetInterfaceId).add(h.consumerSystemId);
      flowIds.add(h.flowId);
    }
    return { nodes, flowIds };
  }, [field, trace, interfaceId]);
}
