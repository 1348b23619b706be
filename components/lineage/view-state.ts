import { CLASSIFICATIONS, PROTOCOLS, STYLES, UNCLASSIFIED } from "@/lib/catalog/schemas";
import { DIRECTIONS, HEALTH_STATUSES, MAX_DEPTH } from "@/lib/lineage/schemas";

/**
 * Everything that shapes the lineage map lives in the URL, so a view can be shared and reloaded: filters, which
 * domains and systems the user expanded ("all" expands every one; by default the map opens on folded domains), the
 * focus with its depth and direction, the selected node and the traced field. Unknown or malformed values are
 * dropped, never fatal.
 */
export type ViewState = {
  domain: string[];
  team: string[];
  protocol: string[];
  style: string[];
  classification: string[];
  health: string[];
  /** Expanded domains (ids, or ["all"]); the others are drawn folded unless the zoom shows their systems. */
  xd: string[];
  /** Expanded systems (ids, or ["all"]); the others are drawn folded unless the zoom shows their interfaces. */
  xs: string[];
  focus: string | null;
  depth: number;
  dir: (typeof DIRECTIONS)[number];
  sel: string | null;
  field: string | null;
};

export const ALL = "all";
export const DEFAULT_DEPTH = 2;
export const FILTER_KEYS = ["domain", "team", "protocol", "style", "classification", "health"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
const LIST_KEYS = [...FILTER_KEYS, "xd", "xs"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (v: string) => UUID.test(v);
const oneOf = (values: readonly string[]) => (v: string) => values.includes(v);
const VALID: Record<(typeof LIST_KEYS)[number], (v: string) => boolean> = {
  domain: isId,
  team: isId,
  protocol: oneOf(PROTOCOLS),
  style: oneOf(STYLES),
  classification: oneOf([...CLASSIFICATIONS, UNCLASSIFIED]),
  health: oneOf(HEALTH_STATUSES),
  xd: (v) => v === ALL || isId(v),
  xs: (v) => v === ALL || isId(v),
};

export const EMPTY_VIEW: ViewState = {
  domain: [],
  team: [],
  protocol: [],
  style: [],
  classification: [],
  health: [],
  xd: [],
  xs: [],
  focus: null,
  depth: DEFAULT_DEPTH,
  dir: "both",
  sel: null,
  field: null,
};

type Readable = { get(key: string): string | null };

export function parseViewState(params: Readable): ViewState {
  const state: ViewState = { ...EMPTY_VIEW };
  for (const key of LIST_KEYS) {
    const values = (params.get(key) ?? "").split(",").map((v) => v.trim()).filter((v) => v && VALID[key](v));
    const unique = [...new Set(values)].slice(0, 200);
    state[key] = unique.includes(ALL) ? [ALL] : unique;
  }
  const focus = params.get("focus");
  state.focus = focus && isId(focus) ? focus : null;
  const depth = Number(params.get("depth"));
  state.depth = Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH ? depth : DEFAULT_DEPTH;
  const dir = params.get("dir");
  state.dir = dir && (DIRECTIONS as readonly string[]).includes(dir) ? (dir as ViewState["dir"]) : "both";
  const sel = params.get("sel");
  state.sel = sel && (isId(sel) || /^domain:[0-9a-f-]{36}$/i.test(sel)) ? sel : null;
  const field = params.get("field");
  state.field = field && field.length <= 500 ? field : null;
  return state;
}

/** Defaults are left out and lists sorted, so one view has one URL (and one layout cache key). */
export function serializeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) if (state[key].length > 0) params.set(key, [...state[key]].sort().join(","));
  if (state.focus) {
    params.set("focus", state.focus);
    if (state.depth !== DEFAULT_DEPTH) params.set("depth", String(state.depth));
    if (state.dir !== "both") params.set("dir", state.dir);
  }
  if (state.sel) params.set("sel", state.sel);
  if (state.field && state.sel) params.set("field", state.field);
  return params;
}

/** The part of the state that changes what the map holds: filters and focus (not expansion, selection or field). */
export function layoutKey(state: ViewState): string {
  return serializeViewState({ ...state, xd: [], xs: [], sel: null, field: null }).toString();
}

/** A change to the view: the fields to set, or a function of the newest state (for toggles, so quick clicks add up). */
export type ViewChange = Partial<ViewState> | ((current: ViewState) => Partial<ViewState>);

/** Adds or removes one value of a list; with "all" in force the list means every one of `everyId`. */
export function toggleIn(list: string[], value: string, on: boolean, everyId?: string[]): string[] {
  const expanded = list[0] === ALL && everyId ? everyId : list;
  const next = on ? [...new Set([...expanded, value])] : expanded.filter((v) => v !== value);
  return everyId && next.length > 0 && next.length === everyId.length ? [ALL] : next;
}

export const isExpanded = (list: string[], id: string | null | undefined) => !!id && (list[0] === ALL || list.includes(id));

/** Toggles one id in an expansion list; with "all" in force, folding one means listing all the others. */
export function toggleExpanded(list: string[], id: string, everyId: string[]): string[] {
  if (list[0] === ALL) return everyId.filter((other) => other !== id);
  return list.includes(id) ? list.filter((other) => other !== id) : [...list, id];
}
