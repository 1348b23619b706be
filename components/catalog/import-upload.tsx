"use client";

import { FileUp, FolderUp } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { apiFetch } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { MAX_FILES_PER_REQUEST, type ImportFileResult, type ImportResponse } from "@/lib/catalog/import/schemas";
import { cn } from "@/lib/utils/cn";
import { countOf } from "@/lib/utils/format";
import { label } from "@/lib/utils/labels";

type Picked = { name: string; file: File };

const SPEC_FILE = /\.(ya?ml|json)$/i;
// Files that refer to each other (a Backstage folder, $refs between specs) resolve only within one request, so
// a folder goes whole when it fits; only larger ones are split, far below the server's body limit.
const BATCH_FILES = MAX_FILES_PER_REQUEST;
const BATCH_BYTES = 16 * 1024 * 1024;

const STATUS_VARIANT: Record<string, BadgeVariant> = { created: "success", updated: "info", unchanged: "outline" };

/** All entries of a dropped directory: readEntries answers in chunks until it returns an empty list. */
async function readDirectory(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}

type Choice = { slug: string; name: string };
export type ImportChoices = { teams: Choice[]; systems: Choice[]; domains: Choice[] };
type Defaults = { team: string; system: string; domain: string };

async function collectEntry(entry: FileSystemEntry, out: Picked[]): Promise<void> {
  if (entry.isFile) {
    // Only specs are sent, dropped on their own or inside folders.
    if (!SPEC_FILE.test(entry.name)) return;
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ name: entry.fullPath.replace(/^\//, ""), file });
  } else if (entry.isDirectory && !entry.name.startsWith(".") && entry.name !== "node_modules") {
    for (const child of await readDirectory(entry as FileSystemDirectoryEntry)) await collectEntry(child, out);
  }
}

async function filesFromDrop(event: DragEvent): Promise<Picked[]> {
  // Entries must be taken synchronously, before the first await, or the browser empties the DataTransfer.
  const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  if (entries.length === 0) return [...event.dataTransfer.files].filter((file) => SPEC_FILE.test(file.name)).map((file) => ({ name: file.name, file }));
  const out: Picked[] = [];
  for (const entry of entries) await collectEntry(entry, out);
  return out;
}

function filesFromInput(list: FileList | null): Picked[] {
  const files = [...(list ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
  return files.filter((f) => SPEC_FILE.test(f.name) && !/(^|\/)(\.|node_modules\/)/.test(f.name));
}

function DefaultChooser({ id, label, none, options, value, onChange }: { id: string; label: string; none: string; options: Choice[]; value: string; onChange: (v: string) => void }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {options.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name}
          </option>
        ))}
      </Select>
    </div>
  );
}

function batchesOf(files: Picked[]): Picked[][] {
  const batches: Picked[][] = [];
  let current: Picked[] = [];
  let bytes = 0;
  for (const picked of files) {
    if (current.length && (current.length >= BATCH_FILES || bytes + picked.file.size > BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(picked);
    bytes += picked.file.size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Drop or pick spec files or whole folders; they go to POST /api/v1/imports in batches, with progress and per-file results. */
export function ImportUpload({ choices }: { choices: ImportChoices }) {
  const [defaults, setDefaults] = useState<Defaults>({ team: "", system: "", domain: "" });
  const folderInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [total, setTotal] = useState(0);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<ImportFileResult[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  // React has no typed prop for webkitdirectory; every current browser supports the attribute.
  useEffect(() => folderInput.current?.setAttribute("webkitdirectory", ""), []);

  async function upload(files: Picked[]) {
    if (running) return;
    setNotice(files.length === 0 ? "No *.yaml, *.yml or *.json files found." : null);
    if (files.length === 0) return;
    const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
    setRunning(true);
    setResults([]);
    setTotal(sorted.length);
    setDone(0);
    for (const batch of batchesOf(sorted)) {
      let answered: ImportFileResult[];
      try {
        const body = {
          files: await Promise.all(batch.map(async ({ name, file }) => ({ name, content: await file.text() }))),
          ...(defaults.team ? { team: defaults.team } : {}),
          ...(defaults.system ? { system: defaults.system } : {}),
          ...(defaults.domain ? { domain: defaults.domain } : {}),
        };
        answered = (await apiFetch<ImportResponse>("/api/v1/imports", { method: "POST", body })).results;
      } catch (error) {
        // A refused request fails its batch only; the next batches still go.
        answered = batch.map(({ name }) => ({ file: name, ok: false, error: (error as Error).message, interfaces: [] }));
      }
      setResults((previous) => [...previous, ...answered]);
      setDone((previous) => previous + batch.length);
    }
    setRunning(false);
  }

  const failed = results.filter((r) => !r.ok).length;
  const percent = total ? Math.round((done / total) * 100) : 0;

  return (
    <div className="grid gap-6">
      <fieldset className="grid gap-3 rounded-lg border p-4" disabled={running}>
        <legend className="px-1 text-sm font-medium">For documents that name no owner, system or domain</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          <DefaultChooser id="import-team" label="Owning team" none="None named: no owner team" options={choices.teams} value={defaults.team} onChange={(team) => setDefaults((d) => ({ ...d, team }))} />
          <DefaultChooser id="import-system" label="System" none="One system per API" options={choices.systems} value={defaults.system} onChange={(system) => setDefaults((d) => ({ ...d, system }))} />
          <DefaultChooser id="import-domain" label="Domain" none="No domain" options={choices.domains} value={defaults.domain} onChange={(domain) => setDefaults((d) => ({ ...d, domain }))} />
        </div>
      </fieldset>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void filesFromDrop(event).then(upload);
        }}
        className={cn(
          "flex flex-col items-center gap-4 rounded-lg border-2 border-dashed p-10 text-center transition-colors",
          dragging ? "border-primary bg-primary/5" : "border-border",
        )}
      >
        <p className="text-sm text-muted-foreground">
          Drop OpenAPI, AsyncAPI, Backstage catalog-info or ODCS files here, or a whole folder: every *.yaml, *.yml and *.json in it is imported.
        </p>
        <div className="flex flex-wrap justify-center gap-2">
          <Button asChild variant="outline" disabled={running}>
            <label className="cursor-pointer">
              <FileUp aria-hidden="true" /> Choose files
              <input type="file" multiple accept=".yaml,.yml,.json" className="sr-only" disabled={running} onChange={(e) => (void upload(filesFromInput(e.target.files)), (e.target.value = ""))} />
            </label>
          </Button>
          <Button asChild variant="outline" disabled={running}>
            <label className="cursor-pointer">
              <FolderUp aria-hidden="true" /> Choose a folder
              <input ref={folderInput} type="file" multiple className="sr-only" disabled={running} onChange={(e) => (void upload(filesFromInput(e.target.files)), (e.target.value = ""))} />
            </label>
          </Button>
        </div>
      </div>

      {notice ? <Alert>{notice}</Alert> : null}

      {total > 0 ? (
        <div className="grid gap-2">
          <div className="flex justify-between text-sm">
            <span id="import-progress-label">{running ? `Importing ${done} of ${countOf(total, "file")}…` : `Imported ${total - failed} of ${countOf(total, "file")}${failed ? `; ${failed} failed` : ""}`}</span>
            <span className="text-muted-foreground tabular-nums">{percent}%</span>
          </div>
          <div role="progressbar" aria-labelledby="import-progress-label" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 overflow-hidden rounded-full bg-muted">
            <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        </div>
      ) : null}

      {results.length ? (
        <ul aria-label="Import results" className="divide-y rounded-lg border">
          {results.map((result) => (
            <li key={result.file} className="grid gap-1.5 p-3 text-sm">
              <div className="flex items-center gap-2">
                <Badge variant={result.ok ? "success" : "destructive"}>{result.ok ? "ok" : "failed"}</Badge>
                <span className="font-mono text-xs break-all">{result.file}</span>
              </div>
              {result.error ? <p className="text-destructive">{result.error}</p> : null}
              {result.ok && result.interfaces.length === 0 ? <p className="text-muted-foreground">No interfaces in this file.</p> : null}
              {result.interfaces.map((i) => (
                <div key={i.id} className="flex flex-wrap items-center gap-2 pl-1">
                  <Badge variant={STATUS_VARIANT[i.status]}>{i.status}</Badge>
                  <Link href={`/catalog/interfaces/${i.id}`} className="font-medium hover:underline">
                    {i.name}
                  </Link>
                  <span className="text-muted-foreground">
                    {label("InterfaceKind", i.kind)} · version {i.version} · {countOf(i.operations, "operation")} · {countOf(i.channels, "channel")}
                  </span>
                </div>
              ))}
              {result.warnings?.map((w) => (
                <p key={w} className="text-warning">
                  {w}
                </p>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
