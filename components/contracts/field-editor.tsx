"use client";

import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CLASSIFICATIONS } from "@/lib/contracts/schemas";
import { label } from "@/lib/utils/labels";

type JsonSchema = { type?: string; properties?: Record<string, Record<string, unknown>>; required?: string[]; [key: string]: unknown };
type Field = { name: string; type: string; required: boolean; classification: string; key?: string };

const TYPES = ["string", "integer", "number", "boolean", "object", "array"];

/** The top-level fields of a JSON Schema, or null when the text is not one (the raw editor stays the only way then). */
export function readFields(schema: string): Field[] | null {
  let doc: JsonSchema;
  try {
    doc = JSON.parse(schema) as JsonSchema;
  } catch {
    return null;
  }
  if (!doc || typeof doc !== "object" || !doc.properties || typeof doc.properties !== "object") return null;
  return Object.entries(doc.properties).map(([name, p]) => ({
    key: name,
    name,
    type: typeof p.type === "string" ? p.type : "",
    required: (doc.required ?? []).includes(name),
    classification: typeof p["x-classification"] === "string" ? (p["x-classification"] as string) : "",
  }));
}

/** Writes the fields back into the schema text, keeping every other keyword of the schema and of each property. */
export function writeFields(schema: string, fields: Field[]): string {
  const doc = JSON.parse(schema) as JsonSchema;
  const before = doc.properties ?? {};
  const properties: JsonSchema["properties"] = {};
  for (const f of fields) {
    // Renaming keeps the property's other keywords (description, format, enum...).
    const p: Record<string, unknown> = { ...(before[f.key ?? f.name] ?? {}) };
    if (f.type) p.type = f.type;
    else delete p.type;
    if (f.classification) p["x-classification"] = f.classification;
    else delete p["x-classification"];
    properties[f.name] = p;
  }
  const required = fields.filter((f) => f.required && f.name).map((f) => f.name);
  const next: JsonSchema = { ...doc, properties };
  if (required.length) next.required = required;
  else delete next.required;
  return `${JSON.stringify(next, null, 2)}\n`;
}

/** A structured editor for the top-level fields of a JSON Schema contract, beside the raw text. */
export function FieldEditor({ schema, onChange }: { schema: string; onChange: (schema: string) => void }) {
  const fields = readFields(schema);
  if (!fields) return <p className="text-sm text-muted-foreground">The structured editor reads JSON Schema objects; edit this schema as text.</p>;
  const update = (index: number, patch: Partial<Field>) => onChange(writeFields(schema, fields.map((f, i) => (i === index ? { ...f, ...patch } : f))));
  return (
    <div className="grid gap-2">
      <div className="overflow-x-auto rounded-md border">
        <Table aria-label="Fields">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>Required</TableHead>
              <TableHead>Classification</TableHead>
              <TableHead>
                <span className="sr-only">Remove</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {fields.map((f, i) => (
              <TableRow key={i}>
                <TableCell>
                  <Input aria-label={`Name of field ${i + 1}`} value={f.name} onChange={(e) => update(i, { name: e.target.value.trim() })} className="min-w-32" />
                </TableCell>
                <TableCell>
                  <Select aria-label={`Type of ${f.name || `field ${i + 1}`}`} value={f.type} onChange={(e) => update(i, { type: e.target.value })}>
                    <option value="">(any)</option>
                    {TYPES.map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </Select>
                </TableCell>
                <TableCell>
                  <input type="checkbox" aria-label={`${f.name || `Field ${i + 1}`} is required`} checked={f.required} onChange={(e) => update(i, { required: e.target.checked })} />
                </TableCell>
                <TableCell>
                  <Select aria-label={`Data class of ${f.name || `field ${i + 1}`}`} value={f.classification} onChange={(e) => update(i, { classification: e.target.value })}>
                    <option value="">(inherits)</option>
                    {CLASSIFICATIONS.map((c) => (
                      <option key={c} value={c}>
                        {label("Classification", c)}
                      </option>
                    ))}
                  </Select>
                </TableCell>
                <TableCell>
                  <Button type="button" variant="ghost" size="sm" aria-label={`Remove ${f.name || `field ${i + 1}`}`} onClick={() => onChange(writeFields(schema, fields.filter((_, j) => j !== i)))}>
                    <Trash2 aria-hidden="true" />
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="w-fit"
        onClick={() => onChange(writeFields(schema, [...fields, { name: uniqueName(fields), type: "string", required: false, classification: "" }]))}
      >
        <Plus aria-hidden="true" /> Add field
      </Button>
    </div>
  );
}

function uniqueName(fields: Field[]): string {
  for (let i = 1; ; i++) if (!fields.some((f) => f.name === `newField${i}`)) return `newField${i}`;
}
