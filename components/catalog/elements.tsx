import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ElementDto, InterfaceDetail } from "@/lib/catalog/schemas";
import { classificationVariant } from "./labels";
import { label } from "@/lib/utils/labels";

const METHOD_VARIANT: Record<string, "info" | "success" | "warning" | "destructive" | "secondary"> = {
  GET: "info",
  POST: "success",
  PUT: "warning",
  PATCH: "warning",
  DELETE: "destructive",
};

export function OperationsTable({ operations }: { operations: ElementDto[] }) {
  return (
    <Table aria-label="Operations">
      <TableHeader>
        <TableRow>
          <TableHead className="w-24">Method</TableHead>
          <TableHead>Path or channel</TableHead>
          <TableHead>Summary</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {operations.map((op) => (
          <TableRow key={op.id}>
            <TableCell>
              <Badge variant={METHOD_VARIANT[op.method?.toUpperCase() ?? ""] ?? "secondary"}>{(op.method ?? op.action ?? "op").toUpperCase()}</Badge>
            </TableCell>
            <TableCell className="font-mono text-xs">
              {op.path ?? op.channel ?? op.name}
              {op.deprecated ? <Badge variant="warning" className="ml-2">Deprecated</Badge> : null}
            </TableCell>
            <TableCell className="text-muted-foreground">{op.summary ?? op.description ?? ""}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ChannelsTable({ channels, messages }: { channels: ElementDto[]; messages: ElementDto[] }) {
  return (
    <Table aria-label="Channels">
      <TableHeader>
        <TableRow>
          <TableHead>Channel</TableHead>
          <TableHead className="w-28">Action</TableHead>
          <TableHead>Summary</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {channels.map((ch) => (
          <TableRow key={ch.id}>
            <TableCell className="font-mono text-xs">{ch.path ?? ch.name}</TableCell>
            <TableCell>{ch.action ? <Badge variant={ch.action === "send" ? "info" : "success"}>{ch.action}</Badge> : "—"}</TableCell>
            <TableCell className="text-muted-foreground">{ch.summary ?? ch.description ?? ""}</TableCell>
          </TableRow>
        ))}
        {channels.length === 0 && messages.length > 0 ? (
          <TableRow>
            <TableCell colSpan={3} className="text-muted-foreground">
              Messages: {messages.map((m) => m.name).join(", ")}
            </TableCell>
          </TableRow>
        ) : null}
      </TableBody>
    </Table>
  );
}

/** Schemas and messages, each with its fields in a nested table. */
export function SchemaList({ elements }: { elements: ElementDto[] }) {
  return (
    <div className="grid gap-4">
      {elements.map((el) => (
        <section key={el.id} aria-label={`${label("ElementKind", el.kind)} ${el.name}`} className="rounded-md border">
          <h3 className="border-b px-3 py-2 text-sm font-medium">
            {el.name} <span className="text-xs font-normal text-muted-foreground">{label("ElementKind", el.kind)}</span>
          </h3>
          {el.fields.length === 0 ? (
            <p className="px-3 py-2 text-sm text-muted-foreground">No fields extracted.</p>
          ) : (
            <Table aria-label={`Fields of ${el.name}`}>
              <TableHeader>
                <TableRow>
                  <TableHead>Field</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead>Required</TableHead>
                  <TableHead>Classification</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {el.fields.map((f) => (
                  <TableRow key={f.id}>
                    <TableCell className="font-mono text-xs">{f.path}</TableCell>
                    <TableCell className="text-muted-foreground">{[f.type, f.format].filter(Boolean).join(" · ") || "—"}</TableCell>
                    <TableCell>{f.required ? "Yes" : ""}</TableCell>
                    <TableCell>{f.classification ? <Badge variant={classificationVariant(f.classification)}>{label("Classification", f.classification)}</Badge> : null}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      ))}
    </div>
  );
}

export function hasElements(e: InterfaceDetail["elements"]) {
  return e.operations.length + e.channels.length + e.messages.length + e.schemas.length > 0;
}

