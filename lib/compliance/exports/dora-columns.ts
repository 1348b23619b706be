import type { CodeList } from "@/lib/compliance/records/codes";
import { country } from "@/lib/compliance/records/codes";
import type { Register } from "@/lib/compliance/records/register";
import type { DoraOptions } from "./dora-scope";

// The shape of a register template: columns with what they hold (closed list, LEI, country, ...), which the
// validation (dora-rules.ts) checks, and when each is mandatory per the ITS instructions.

export type Cells = Record<string, string>;
/** What the validation knows about a row beyond its cells: whether it supports a critical or important function. */
export type RowContext = { critical: boolean; refDate: string };
export type ColumnKind = CodeList | "lei" | "country" | "currency" | "date" | "number" | "bool" | "text" | { codeTypeIn: string };
export type Column = { code: string; label: string; kind?: ColumnKind; mandatory: boolean | ((cells: Cells, row: RowContext) => boolean) };
export type TemplateRow = { key: string; cells: Cells };
export type Template = { id: string; title: string; columns: Column[]; rows: (register: Register, options: DoraOptions) => TemplateRow[] };

export type { DoraOptions };

export const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
export const gc = (iso: string | null | undefined) => (iso ? country(iso) : "");
export const whenCritical = (_c: Cells, row: RowContext) => row.critical;
export const col = (code: string, label: string, kind: ColumnKind, mandatory: Column["mandatory"] = true): Column => ({ code, label, kind, mandatory });
