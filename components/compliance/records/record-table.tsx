"use client";

import { Pencil, Plus, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import type { RecordKind } from "@/lib/compliance/records/schemas";
import { COLUMNS, FIELDS, KIND_LABEL, type Field, type Option, type Refs } from "./fields";

type Row = { id: string } & Record<string, unknown>;
type Props = { kind: RecordKind; rows: Row[]; refs: Refs; canManage: boolean };

const optionsOf = (field: Field, refs: Refs): Option[] => (typeof field.options === "string" ? refs[field.options] : (field.options ?? []));

function display(field: Field, value: unknown, refs: Refs): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field.type === "bool") return value ? "Yes" : "No";
  const options = optionsOf(field, refs);
  const label = (v: unknown) => options.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(value)) return value.length ? value.map(label).join(", ") : "—";
  return field.options ? label(value) : String(value);
}

/** Reads a form into the body the API expects: empty optional values become null, so a save clears them. */
function bodyOf(form: HTMLFormElement, fields: Field[]): Record<string, unknown> {
  const data = new FormData(form);
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = String(data.get(field.name) ?? "").trim();
    switch (field.type) {
      case "multi":
        body[field.name] = data.getAll(field.name).map(String);
        break;
      case "list":
      case "countries":
        body[field.name] = raw.split(",").map((v) => (field.type === "countries" ? v.trim().toUpperCase() : v.trim())).filter(Boolean);
        break;
      case "number":
        body[field.name] = raw === "" ? null : Number(raw);
        break;
      case "bool":
        body[field.name] = raw === "" ? null : raw === "true";
        break;
      default:
        body[field.name] = raw === "" ? null : raw;
    }
    // Fields with a server default (currency, type of code) are left out rather than sent as null.
    if (body[field.name] === null && ["currency", "codeType", "personType", "arrangementType", "role", "maintainsRegister", "dpiaRequired"].includes(field.name)) {
      delete body[field.name];
    }
  }
  return body;
}

/** The input for one field; FormField passes id and aria attributes through `rest`, which go on the element. */
function Control({ field, value, refs, ...rest }: { field: Field; value: unknown; refs: Refs } & Partial<Record<`aria-${string}` | "id", unknown>>) {
  const text = value === null || value === undefined ? "" : String(value);
  const a = rest as Record<string, string | boolean | undefined>;
  switch (field.type) {
    case "textarea":
      return <Textarea {...a} name={field.name} rows={2} defaultValue={text} />;
    case "number":
      return <Input {...a} name={field.name} type="number" step="any" defaultValue={text} />;
    case "date":
      return <Input {...a} name={field.name} type="date" defaultValue={text} />;
    case "bool":
      return (
        <Select {...a} name={field.name} defaultValue={value === true ? "true" : value === false ? "false" : ""}>
          <option value="">Not set</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </Select>
      );
    case "select":
      return (
        <Select {...a} name={field.name} defaultValue={text}>
          <option value="">{field.required ? "Choose…" : "Not set"}</option>
          {optionsOf(field, refs).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      );
    case "multi":
      return (
        <select {...a} name={field.name} multiple size={6} defaultValue={(value as string[] | undefined) ?? []} className="w-full rounded-md border bg-transparent p-1 text-sm">
          {optionsOf(field, refs).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case "list":
    case "countries":
      return <Input {...a} name={field.name} defaultValue={((value as string[] | undefined) ?? []).join(", ")} autoComplete="off" />;
    default:
      return <Input {...a} name={field.name} defaultValue={text} autoComplete="off" />;
  }
}

/** Create or edit one record in a dialog; the server validates and answers with per-field errors. */
function RecordDialog({ kind, row, refs }: { kind: RecordKind; row?: Row; refs: Refs }) {
  const [open, setOpen] = useState(false);
  const fields = FIELDS[kind];
  const save = useApiMutation((body: Record<string, unknown>) =>
    row ? { path: `/api/v1/compliance/records/${kind}/${row.id}`, method: "PUT", body } : { path: `/api/v1/compliance/records/${kind}`, method: "POST", body },
  );
  const error = save.error instanceof ApiError ? save.error : null;
  const label = KIND_LABEL[kind].one;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(bodyOf(event.currentTarget, fields), { onSuccess: () => setOpen(false) });
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), save.reset())}>
      <DialogTrigger asChild>
        {row ? (
          <Button variant="ghost" size="icon-sm" aria-label={`Edit ${String(row.name ?? row.reference ?? row.identifier)}`}>
            <Pencil aria-hidden="true" />
          </Button>
        ) : (
          <Button>
            <Plus aria-hidden="true" /> New {label.toLowerCase()}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{row ? `Edit ${label.toLowerCase()}` : `New ${label.toLowerCase()}`}</DialogTitle>
          <DialogDescription>{KIND_LABEL[kind].about} Every change is recorded in the audit trail.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
          {fields.map((field) => (
            <FormField
              key={field.name}
              label={field.label}
              required={field.required}
              description={field.help}
              error={error?.field(`/${field.name}`)}
              className={field.type === "textarea" || field.type === "multi" ? "sm:col-span-2" : undefined}
            >
              <Control field={field} value={row?.[field.name]} refs={refs} />
            </FormField>
          ))}
          {save.error && !error?.errors.length ? (
            <Alert variant="destructive" className="sm:col-span-2">
              {save.error.message}
            </Alert>
          ) : null}
          <DialogFooter className="sm:col-span-2">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function DeleteButton({ kind, row }: { kind: RecordKind; row: Row }) {
  const remove = useApiMutation(() => ({ path: `/api/v1/compliance/records/${kind}/${row.id}`, method: "DELETE" }));
  const name = String(row.name ?? row.reference ?? row.identifier);
  return (
    <>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label={`Delete ${name}`}
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(`Delete ${name}? This is recorded in the audit trail.`)) remove.mutate(undefined);
        }}
      >
        <Trash2 aria-hidden="true" />
      </Button>
      {remove.error ? <span role="alert" className="text-xs text-destructive">{remove.error.message}</span> : null}
    </>
  );
}

/** What the catalog adds to a record, shown next to what was entered by hand. */
function Derived({ kind, row }: { kind: RecordKind; row: Row }) {
  const derived = row.derived as Record<string, unknown> | undefined;
  if (!derived) return null;
  const list = (key: string) => ((derived[key] as string[] | undefined) ?? []).join(", ") || "—";
  if (kind === "activities") {
    return (
      <span className="text-xs text-muted-foreground">
        Categories: {list("dataCategories")} · Subjects: {list("dataSubjects")} · Transfers: {list("transferCountries")}
      </span>
    );
  }
  return (
    <span className="text-xs text-muted-foreground">
      Storage: {list("storageCountries")} · Processing: {list("processingCountries")} · Sensitiveness: {String(derived.sensitiveness ?? "—")}
    </span>
  );
}

export function RecordTable({ kind, rows, refs, canManage }: Props) {
  const columns = COLUMNS[kind].map((name) => FIELDS[kind].find((f) => f.name === name)!);
  const hasDerived = kind === "activities" || kind === "services";
  return (
    <div className="grid gap-4">
      {canManage ? (
        <div>
          <RecordDialog kind={kind} refs={refs} />
        </div>
      ) : null}
      <Table aria-label={KIND_LABEL[kind].many}>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c.name}>{c.label}</TableHead>
            ))}
            {hasDerived ? <TableHead>From the catalog</TableHead> : null}
            {canManage ? <TableHead className="sr-only">Actions</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={columns.length + 2} className="text-muted-foreground">
                None recorded yet.
              </TableCell>
            </TableRow>
          ) : (
            rows.map((row) => (
              <TableRow key={row.id}>
                {columns.map((c) => (
                  <TableCell key={c.name} className="max-w-xs truncate" title={display(c, row[c.name], refs)}>
                    {display(c, row[c.name], refs)}
                  </TableCell>
                ))}
                {hasDerived ? (
                  <TableCell className="max-w-sm">
                    <Derived kind={kind} row={row} />
                  </TableCell>
                ) : null}
                {canManage ? (
                  <TableCell className="whitespace-nowrap text-right">
                    <RecordDialog kind={kind} row={row} refs={refs} />
                    <DeleteButton kind={kind} row={row} />
                  </TableCell>
                ) : null}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
