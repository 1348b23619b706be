"use client";

import { useState, type FormEvent } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { ApiError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { LEVEL_VALUES, PCI_ELEMENTS, TRANSFER_TOOLS, type FlowCompliance } from "@/lib/compliance/schemas";
import { DEROGATIONS, SCC_MODULES } from "@/lib/compliance/transfers";
import { label } from "@/lib/utils/labels";

const list = (value: string) => value.split(",").map((v) => v.trim()).filter(Boolean);

/** Edits a flow's purpose, basis, data, countries, transfer tool and encryption; the server re-evaluates the policies. */
export function FlowComplianceForm({ flow }: { flow: FlowCompliance }) {
  const save = useApiMutation((body: Record<string, unknown>) => ({ path: `/api/v1/flows/${flow.id}`, method: "PATCH", body }));
  const [saved, setSaved] = useState(false);
  const error = save.error instanceof ApiError ? save.error : null;
  const disabled = !flow.canEdit;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    save.mutate(
      {
        purpose: text("purpose") || null,
        lawfulBasis: text("lawfulBasis") || null,
        dataCategories: list(text("dataCategories")),
        dataSubjects: list(text("dataSubjects")),
        specialCategories: list(text("specialCategories")),
        art9Condition: text("art9Condition") || null,
        classification: text("classification") || null,
        pciElements: form.getAll("pciElements").map(String),
        sourceCountry: text("sourceCountry") || null,
        destinationCountry: text("destinationCountry") || null,
        transferTool: text("transferTool") || null,
        transferDocument: text("transferDocument") || null,
        transferSccModule: text("transferSccModule") || null,
        transferSignedOn: text("transferSignedOn") || null,
        transferDerogation: text("transferDerogation") || null,
        transferTia: text("transferTia") || null,
        transferDpfCertification: text("transferDpfCertification") || null,
        encryptedInTransit: form.get("encryptedInTransit") === "on",
      },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate aria-label="Compliance facts">
      <fieldset disabled={disabled} className="grid gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Purpose" error={error?.field("/purpose")}>
            <Textarea name="purpose" rows={2} defaultValue={flow.purpose ?? ""} />
          </FormField>
          <FormField label="Lawful basis" description="GDPR Art. 6(1), e.g. Art. 6(1)(b) contract." error={error?.field("/lawfulBasis")}>
            <Input name="lawfulBasis" defaultValue={flow.lawfulBasis ?? ""} />
          </FormField>
          <FormField label="Data categories" description="Comma-separated." error={error?.field("/dataCategories")}>
            <Input name="dataCategories" defaultValue={flow.dataCategories.join(", ")} autoComplete="off" />
          </FormField>
          <FormField label="Data subjects" description="Comma-separated." error={error?.field("/dataSubjects")}>
            <Input name="dataSubjects" defaultValue={flow.dataSubjects.join(", ")} autoComplete="off" />
          </FormField>
          <FormField label="Special categories (Art. 9)" description="Comma-separated." error={error?.field("/specialCategories")}>
            <Input name="specialCategories" defaultValue={flow.specialCategories.join(", ")} autoComplete="off" />
          </FormField>
          <FormField label="Art. 9(2) condition" error={error?.field("/art9Condition")}>
            <Input name="art9Condition" defaultValue={flow.art9Condition ?? ""} />
          </FormField>
          <FormField label="Declared classification" description="The flow's level is the highest of this and its confirmed fields." error={error?.field("/classification")}>
            <Select name="classification" defaultValue={flow.classification ?? ""}>
              <option value="">From its fields only</option>
              {LEVEL_VALUES.map((l) => (
                <option key={l} value={l}>
                  {label("Classification", l)}
                </option>
              ))}
            </Select>
          </FormField>
          <fieldset className="grid gap-1.5">
            <legend className="mb-1.5 text-sm font-medium">PCI account data</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {PCI_ELEMENTS.map((e) => (
                <label key={e} className="flex items-center gap-1.5">
                  <input type="checkbox" name="pciElements" value={e} defaultChecked={flow.pciElements.includes(e)} /> {label("PciElement", e)}
                </label>
              ))}
            </div>
          </fieldset>
          <FormField label="Source country" description="ISO 3166 alpha-2; empty: where the producer is hosted." error={error?.field("/sourceCountry")}>
            <Input name="sourceCountry" defaultValue={flow.sourceCountry ?? ""} maxLength={2} autoComplete="off" className="uppercase" />
          </FormField>
          <FormField label="Destination country" description="ISO 3166 alpha-2; empty: where the consumer hosts and processes." error={error?.field("/destinationCountry")}>
            <Input name="destinationCountry" defaultValue={flow.destinationCountry ?? ""} maxLength={2} autoComplete="off" className="uppercase" />
          </FormField>
          <FormField label="Transfer tool" error={error?.field("/transferTool")}>
            <Select name="transferTool" defaultValue={flow.transferTool ?? ""}>
              <option value="">None</option>
              {TRANSFER_TOOLS.map((t) => (
                <option key={t} value={t}>
                  {label("TransferTool", t)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField label="Transfer document" description="Reference to the signed clauses, BCR approval or assessment." error={error?.field("/transferDocument")}>
            <Input name="transferDocument" defaultValue={flow.transferDocument ?? ""} />
          </FormField>
          <FormField label="SCC module" description="For standard contractual clauses (Decision (EU) 2021/914)." error={error?.field("/transferSccModule")}>
            <Select name="transferSccModule" defaultValue={flow.transferSccModule ?? ""}>
              <option value="">Not SCCs</option>
              {Object.entries(SCC_MODULES).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField label="Signed on" description="Date the clauses were signed." error={error?.field("/transferSignedOn")}>
            <Input type="date" name="transferSignedOn" defaultValue={flow.transferSignedOn ?? ""} />
          </FormField>
          <FormField label="Art. 49 derogation" error={error?.field("/transferDerogation")}>
            <Select name="transferDerogation" defaultValue={flow.transferDerogation ?? ""}>
              <option value="">None</option>
              {Object.entries(DEROGATIONS).map(([k, label]) => (
                <option key={k} value={k}>
                  Art. {k}: {label}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField label="Transfer impact assessment" description="Reference; needed for every Art. 46 tool." error={error?.field("/transferTia")}>
            <Input name="transferTia" defaultValue={flow.transferTia ?? ""} />
          </FormField>
          <FormField label="Recipient's DPF certification" description="EU-US Data Privacy Framework list entry; adequacy for the US needs it." error={error?.field("/transferDpfCertification")}>
            <Input name="transferDpfCertification" defaultValue={flow.transferDpfCertification ?? ""} />
          </FormField>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="encryptedInTransit" defaultChecked={flow.encryptedInTransit} /> Encrypted in transit
        </label>
      </fieldset>
      {save.error && !error?.errors.length ? <Alert variant="destructive">{save.error.message}</Alert> : null}
      {error?.errors.length ? <Alert variant="destructive">Check the highlighted fields: {error.message}</Alert> : null}
      {saved && !save.isPending ? <Alert variant="success">Saved; the policies were re-evaluated.</Alert> : null}
      {flow.canEdit ? (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save compliance facts"}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Compliance officers and the producing or consuming team may change these facts.</p>
      )}
    </form>
  );
}
