"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { apiFetch, ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { toOdcsYaml } from "@/lib/contracts/odcs-export";
import { CompatibilityCheck, type PublishedVersion } from "./compatibility-check";
import { FieldEditor } from "./field-editor";
import { CLASSIFICATIONS, COMPATIBILITY_MODES, SCHEMA_FORMATS, type ContractContent } from "@/lib/contracts/schemas";
import { label } from "@/lib/utils/labels";

const SLA_FIELDS = [
  ["freshnessMaxLagSeconds", "Freshness: max lag (s)"],
  ["deliverySuccessPct", "Delivery success (%)"],
  ["latencyP95Ms", "Latency p95 (ms)"],
  ["latencyP99Ms", "Latency p99 (ms)"],
  ["availabilityPct", "Availability (%)"],
] as const;

type Props = {
  interfaceId: string;
  interfaceName: string;
  ownerTeam: string | null;
  initial: ContractContent;
  /** Set to edit an existing draft (PATCH) instead of proposing a new version. */
  draftId?: string;
  /** Subscribed versions to check the schema against live, and the highest existing version number. */
  published?: PublishedVersion[];
  highest?: string | null;
};

const num = (v: string) => (v.trim() === "" ? undefined : Number(v));
const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The proposal form, with an ODCS v3 YAML view of the same content (edit either; apply the YAML to the form). */
export function ProposeForm({ interfaceId, interfaceName, ownerTeam, initial, draftId, published = [], highest = null }: Props) {
  const router = useRouter();
  const [content, setContent] = useState<ContractContent>(initial);
  const [yaml, setYaml] = useState<string | null>(null);
  const set = <K extends keyof ContractContent>(key: K, value: ContractContent[K]) => setContent((c) => ({ ...c, [key]: value }));
  const setSla = (key: string, value: unknown) => setContent((c) => ({ ...c, sla: { ...c.sla, [key]: value } }));
  const setErr = (key: string, value: unknown) => setContent((c) => ({ ...c, errorHandling: { ...c.errorHandling, [key]: value } }));

  const propose = useMutation<{ id: string }, Error, boolean>({
    mutationFn: async (submit) => {
      if (!draftId) return apiFetch("/api/v1/contracts", { method: "POST", body: { ...clean(content), interfaceId, submit } });
      await apiFetch(`/api/v1/contracts/${draftId}`, { method: "PATCH", body: clean(content) });
      if (submit) await apiFetch(`/api/v1/contracts/${draftId}/transitions`, { method: "POST", body: { action: "submit" } });
      return { id: draftId };
    },
    onSuccess: (created) => router.push(`/contracts/${created.id}`),
  });
  const importYaml = useMutation<ContractContent, Error, string>({
    mutationFn: (text) => apiFetch("/api/v1/contracts/odcs", { method: "POST", body: { yaml: text } }),
    onSuccess: (parsed) => (setContent(parsed), setYaml(null)),
  });
  const error = propose.error instanceof ApiError ? propose.error : null;
  const field = (pointer: string) => error?.field(pointer);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    propose.mutate(submitter?.value !== "draft");
  }

  async function loadFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) importYaml.mutate(await file.text());
  }

  const yamlView = toOdcsYaml({ ...content, interface: { slug: interfaceName.toLowerCase().replace(/[^a-z0-9]+/g, "-"), name: interfaceName }, ownerTeam: ownerTeam ? { name: ownerTeam } : null, status: "DRAFT" });

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" onClick={() => setYaml(yaml === null ? yamlView : null)}>
          {yaml === null ? "Edit as YAML (ODCS v3)" : "Back to the form"}
        </Button>
        <label className="text-sm">
          <span className="mr-2">Import ODCS file</span>
          <input type="file" accept=".yaml,.yml,.json" onChange={loadFile} className="text-sm" />
        </label>
      </div>
      {importYaml.error ? (
        <Alert variant="destructive" role="alert">
          {importYaml.error.message}
          {importYaml.error instanceof ApiError && importYaml.error.errors.length ? (
            <ul className="mt-1 list-disc pl-4">
              {importYaml.error.errors.map((e) => (
                <li key={e.pointer + e.message}>
                  {e.pointer}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {yaml !== null ? (
        <div className="grid gap-2">
          <FormField label="ODCS YAML" description="Open Data Contract Standard v3. Interchange's own fields travel as customProperties.">
            <Textarea rows={24} className="font-mono text-xs" value={yaml} onChange={(e) => setYaml(e.target.value)} spellCheck={false} />
          </FormField>
          <Button type="button" className="w-fit" onClick={() => importYaml.mutate(yaml)} disabled={importYaml.isPending}>
            Apply YAML
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} className="grid gap-6" noValidate aria-label="Propose a contract version">
          <fieldset className="grid gap-4 sm:grid-cols-3">
            <FormField label="Version" description="Semantic version, higher than every existing one." error={field("/version")} required>
              <Input value={content.version} onChange={(e) => set("version", e.target.value)} autoComplete="off" />
            </FormField>
            <FormField label="Compatibility mode" error={field("/compatibilityMode")}>
              <Select value={content.compatibilityMode} onChange={(e) => set("compatibilityMode", e.target.value as ContractContent["compatibilityMode"])}>
                {COMPATIBILITY_MODES.map((m) => (
                  <option key={m} value={m}>
                    {label("CompatibilityMode", m)}
                  </option>
                ))}
              </Select>
            </FormField>
            <FormField label="Schema format" error={field("/schemaFormat")}>
              <Select value={content.schemaFormat} onChange={(e) => set("schemaFormat", e.target.value as ContractContent["schemaFormat"])}>
                {SCHEMA_FORMATS.map((m) => (
                  <option key={m} value={m}>
                    {label("SchemaFormat", m)}
                  </option>
                ))}
              </Select>
            </FormField>
          </fieldset>
          <div className={content.schemaFormat === "JSON_SCHEMA" ? "grid gap-4 xl:grid-cols-2" : "grid gap-4"}>
            {content.schemaFormat === "JSON_SCHEMA" ? (
              <fieldset className="grid content-start gap-2">
                <legend className="mb-2 text-sm font-semibold">Fields</legend>
                <FieldEditor schema={content.schema} onChange={(schema) => set("schema", schema)} />
              </fieldset>
            ) : null}
            <FormField label="Schema" description="JSON Schema, Avro, Protobuf, or the OpenAPI / AsyncAPI document." error={field("/schema")} required>
              <Textarea rows={16} className="font-mono text-xs" value={content.schema} onChange={(e) => set("schema", e.target.value)} spellCheck={false} />
            </FormField>
          </div>
          <CompatibilityCheck schema={content.schema} mode={content.compatibilityMode} version={content.version} highest={highest} published={published} />
          <fieldset className="grid gap-4 sm:grid-cols-3">
            <legend className="mb-2 text-sm font-semibold">Data protection</legend>
            <FormField label="Classification" error={field("/classification")}>
              <Select value={content.classification} onChange={(e) => set("classification", e.target.value as ContractContent["classification"])}>
                {CLASSIFICATIONS.map((c) => (
                  <option key={c} value={c}>
                    {label("Classification", c)}
                  </option>
                ))}
              </Select>
            </FormField>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={content.personalData} onChange={(e) => set("personalData", e.target.checked)} /> Carries personal data
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={content.crossBorderTransfer} onChange={(e) => set("crossBorderTransfer", e.target.checked)} /> Cross-border transfer
            </label>
          </fieldset>
          <fieldset className="grid gap-4 sm:grid-cols-3">
            <legend className="mb-2 text-sm font-semibold">Service levels</legend>
            {SLA_FIELDS.map(([key, label]) => (
              <FormField key={key} label={label} error={field(`/sla/${key}`)}>
                <Input type="number" step="any" value={text(content.sla[key])} onChange={(e) => setSla(key, num(e.target.value))} />
              </FormField>
            ))}
            <FormField label="Volume per minute: min" error={field("/sla/volumePerMinute/min")}>
              <Input type="number" value={text(content.sla.volumePerMinute?.min)} onChange={(e) => setSla("volumePerMinute", range(num(e.target.value), content.sla.volumePerMinute?.max))} />
            </FormField>
            <FormField label="Volume per minute: max" error={field("/sla/volumePerMinute/max") ?? field("/sla/volumePerMinute")}>
              <Input type="number" value={text(content.sla.volumePerMinute?.max)} onChange={(e) => setSla("volumePerMinute", range(content.sla.volumePerMinute?.min, num(e.target.value)))} />
            </FormField>
          </fieldset>
          <fieldset className="grid gap-4 sm:grid-cols-3">
            <legend className="mb-2 text-sm font-semibold">Error semantics</legend>
            <FormField label="Max retries" error={field("/errorHandling/maxRetries")}>
              <Input type="number" value={text(content.errorHandling.maxRetries)} onChange={(e) => setErr("maxRetries", num(e.target.value))} />
            </FormField>
            <FormField label="Backoff" error={field("/errorHandling/backoff")}>
              <Select value={content.errorHandling.backoff ?? ""} onChange={(e) => setErr("backoff", e.target.value || undefined)}>
                <option value="">—</option>
                <option value="fixed">fixed</option>
                <option value="linear">linear</option>
                <option value="exponential">exponential</option>
              </Select>
            </FormField>
            <FormField label="Initial backoff (ms)" error={field("/errorHandling/initialBackoffMs")}>
              <Input type="number" value={text(content.errorHandling.initialBackoffMs)} onChange={(e) => setErr("initialBackoffMs", num(e.target.value))} />
            </FormField>
            <FormField label="Dead-letter destination" error={field("/errorHandling/deadLetterQueue")}>
              <Input value={text(content.errorHandling.deadLetterQueue)} onChange={(e) => setErr("deadLetterQueue", e.target.value || undefined)} />
            </FormField>
            <FormField label="Idempotency key" error={field("/errorHandling/idempotencyKey")}>
              <Input value={text(content.errorHandling.idempotencyKey)} onChange={(e) => setErr("idempotencyKey", e.target.value || undefined)} />
            </FormField>
            <FormField label="Ordering guarantee" error={field("/errorHandling/ordering")}>
              <Input value={text(content.errorHandling.ordering)} onChange={(e) => setErr("ordering", e.target.value || undefined)} />
            </FormField>
          </fieldset>
          <FormField label="Description" error={field("/description")}>
            <Textarea rows={2} value={content.description ?? ""} onChange={(e) => set("description", e.target.value || undefined)} />
          </FormField>
          <FormField label="Change note" description="What changed and why; consumers read this first." error={field("/changeNote")}>
            <Textarea rows={3} value={content.changeNote ?? ""} onChange={(e) => set("changeNote", e.target.value || undefined)} />
          </FormField>
          {propose.error ? (
            <Alert variant="destructive" role="alert">
              {propose.error.message}
            </Alert>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" name="intent" value="submit" disabled={propose.isPending}>
              Submit for review
            </Button>
            <Button type="submit" name="intent" value="draft" variant="outline" disabled={propose.isPending}>
              {draftId ? "Save draft" : "Save as draft"}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

function range(min: number | undefined, max: number | undefined) {
  return min === undefined && max === undefined ? undefined : { min: min ?? 0, max: max ?? 0 };
}

/** Drops empty optional values so the API sees only what the producer stated. */
function clean(content: ContractContent): ContractContent {
  const strip = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(typeof v === "number" && Number.isNaN(v)))) as T;
  return { ...content, sla: strip(content.sla), errorHandling: strip(content.errorHandling) };
}
