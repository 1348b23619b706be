import { Download, GitCompare, Plus } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Facts, RefLink, Section } from "@/components/catalog/detail-bits";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { ChangeList } from "@/components/contracts/change-list";
import { ConsumersTable } from "@/components/contracts/consumers-table";
import { Discussion } from "@/components/contracts/discussion";
import { AUDIT_LABELS } from "@/components/contracts/labels";
import { LifecycleActions } from "@/components/contracts/lifecycle-actions";
import { ReviewPanel } from "@/components/contracts/review-panel";
import { StatusBadge } from "@/components/contracts/status-badge";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pageCtx } from "@/lib/auth/session";
import { contractAudit, getContract, listComments } from "@/lib/contracts/data";
import type { ContractDto } from "@/lib/contracts/schemas";
import { label } from "@/lib/utils/labels";
import { formatMeasure } from "@/lib/utils/format";

export const metadata = { title: "Contract · Interchange" };

function slaFacts(sla: ContractDto["sla"]) {
  return [
    { label: "Freshness (max lag)", value: formatMeasure(sla.freshnessMaxLagSeconds, "s") },
    { label: "Delivery success", value: formatMeasure(sla.deliverySuccessPct, "%") },
    { label: "Latency p95 / p99", value: `${formatMeasure(sla.latencyP95Ms, "ms")} / ${formatMeasure(sla.latencyP99Ms, "ms")}` },
    { label: "Volume per minute", value: sla.volumePerMinute ? `${sla.volumePerMinute.min.toLocaleString("en")}–${formatMeasure(sla.volumePerMinute.max, "msg/min")}` : "—" },
    { label: "Availability", value: formatMeasure(sla.availabilityPct, "%") },
  ];
}

function errorFacts(e: ContractDto["errorHandling"]) {
  return [
    { label: "Retries", value: e.maxRetries === undefined ? "—" : `${e.maxRetries}${e.backoff ? `, ${e.backoff} backoff` : ""}${e.initialBackoffMs ? ` from ${e.initialBackoffMs} ms` : ""}${e.maxBackoffMs ? ` up to ${e.maxBackoffMs} ms` : ""}` },
    { label: "Dead-letter destination", value: e.deadLetterQueue ?? "—" },
    { label: "Idempotency key", value: e.idempotencyKey ?? "—" },
    { label: "Ordering", value: e.ordering ?? "—" },
  ];
}

export default async function ContractPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ auditFrom?: string }> }) {
  const { id } = await params;
  const { auditFrom } = await searchParams;
  if (!isUuid(id)) notFound();
  const ctx = await pageCtx();
  const contract = await loadOr404(getContract(ctx, id));
  const [comments, audit] = await Promise.all([listComments(ctx, id), contractAudit(ctx, id, { allVersions: true, cursor: auditFrom && /^\d{1,19}$/.test(auditFrom) ? auditFrom : undefined })]);
  const versionOf = new Map(contract.versions.map((v) => [v.id, v.version]));
  const hasEarlier = contract.versions.some((v) => v.id !== contract.id);
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={
          <Link href="/contracts" className="text-sm text-muted-foreground hover:underline">
            ← Contracts
          </Link>
        }
        title={`${contract.interface.name} ${contract.version}`}
        description={contract.description ?? undefined}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline">
              <a href={`/api/v1/contracts/${contract.id}/odcs`} download>
                <Download aria-hidden="true" /> ODCS YAML
              </a>
            </Button>
            {contract.permissions.edit ? (
              <Button asChild variant="outline">
                <Link href={`/contracts/${contract.id}/edit`}>Edit draft</Link>
              </Button>
            ) : null}
            {contract.permissions.propose && !contract.permissions.edit ? (
              <Button asChild>
                <Link href={`/contracts/new?interface=${contract.interface.id}`}>
                  <Plus aria-hidden="true" /> Propose new version
                </Link>
              </Button>
            ) : null}
          </div>
        }
      />
      <div className="flex flex-wrap items-center gap-2" aria-label="Contract status">
        <StatusBadge status={contract.status} />
        {contract.breaking ? <Badge variant="destructive">breaking under {label("CompatibilityMode", contract.compatibilityMode).toLowerCase()}</Badge> : null}
        <Badge variant="outline">{label("CompatibilityMode", contract.compatibilityMode)} compatibility</Badge>
        <Badge variant="outline">{label("SchemaFormat", contract.schemaFormat)}</Badge>
        <Badge variant="secondary">{label("Classification", contract.classification)}</Badge>
        {contract.personalData ? <Badge variant="warning">personal data</Badge> : null}
        {contract.crossBorderTransfer ? <Badge variant="warning">cross-border transfer</Badge> : null}
        {contract.requiresCompliance ? <Badge variant="info">compliance review required</Badge> : null}
        {contract.sunsetDate ? <Badge variant="warning">sunset {contract.sunsetDate}</Badge> : null}
      </div>
      <Facts
        items={[
          { label: "Interface", value: <RefLink href={`/catalog/interfaces/${contract.interface.id}`} name={contract.interface.name} /> },
          { label: "Owner", value: contract.ownerTeam?.name ?? "Unowned" },
          { label: "Proposed by", value: contract.proposedBy?.name ?? "—" },
          { label: "Subscribed flows", value: contract.subscriptions },
        ]}
      />
      {contract.changeNote ? (
        <Alert>
          <AlertTitle>Change note</AlertTitle>
          <AlertDescription className="whitespace-pre-wrap">{contract.changeNote}</AlertDescription>
        </Alert>
      ) : null}

      <Section title="Approvals" description="One request per consuming team, plus compliance where the data is personal, confidential or crosses a border.">
        {contract.activationBlockers.length ? (
          <Alert variant={contract.status === "APPROVED" ? "destructive" : "default"} aria-label="Activation blockers">
            <AlertTitle>Cannot activate yet</AlertTitle>
            <AlertDescription>
              <ul className="list-disc pl-4">
                {contract.activationBlockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </AlertDescription>
          </Alert>
        ) : null}
        <ReviewPanel contractId={contract.id} approvals={contract.approvals} />
        <LifecycleActions contractId={contract.id} actions={contract.permissions.transition} blockers={contract.activationBlockers} />
      </Section>

      <Section title="Changes" description={hasEarlier ? `Compared with earlier versions under ${label("CompatibilityMode", contract.compatibilityMode).toLowerCase()} compatibility when it was submitted.` : "The first version of this contract."}>
        <ChangeList changes={contract.changes} empty={contract.submittedAt ? "No schema changes against earlier versions." : "Not compared yet: the change list is taken when the version is submitted."} />
      </Section>

      <Section title="Service levels and error handling">
        <Facts items={slaFacts(contract.sla)} />
        <Facts items={errorFacts(contract.errorHandling)} />
      </Section>

      <Section title="Schema">
        {/* Focusable, so a keyboard can scroll a long schema (axe: scrollable-region-focusable). */}
        <pre className="max-h-96 overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs" aria-label="Schema text" role="region" tabIndex={0}>
          {contract.schema}
        </pre>
      </Section>

      <Section title="Version history">
        <Table>
          <TableCaption className="sr-only">Versions of this contract</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Version</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Created</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {contract.versions.map((v) => (
              <TableRow key={v.id} aria-current={v.id === contract.id ? "true" : undefined}>
                <TableCell className="font-mono text-xs">
                  {v.id === contract.id ? v.version : <Link href={`/contracts/${v.id}`} className="hover:underline">{v.version}</Link>}
                </TableCell>
                <TableCell>
                  <StatusBadge status={v.status} />
                </TableCell>
                <TableCell className="text-xs text-muted-foreground">{v.createdAt.slice(0, 10)}</TableCell>
                <TableCell className="text-right">
                  {v.id !== contract.id ? (
                    <Button asChild size="sm" variant="outline">
                      <Link href={`/contracts/${contract.id}/compare?from=${v.id}&to=${contract.id}`}>
                        <GitCompare aria-hidden="true" /> Compare with {contract.version}
                      </Link>
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>

      <Section title="Consumers">
        <ConsumersTable contractId={contract.id} version={contract.version} consumers={contract.consumers} />
      </Section>

      <Section title="Discussion">
        <Discussion contractId={contract.id} comments={comments.items} />
      </Section>

      <Section title="Audit history" description="Every step on every version of this contract, oldest first.">
        <Table>
          <TableCaption className="sr-only">Audit history</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Version</TableHead>
              <TableHead>Step</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>Details</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody aria-label="Audit events">
            {audit.items.map((e) => {
              const after = (e.after ?? {}) as Record<string, unknown>;
              const detail = [after.approver, after.decision, after.status, after.comment, after.flow].filter((x) => typeof x === "string").join(" · ");
              return (
                <TableRow key={e.seq}>
                  <TableCell className="text-xs text-muted-foreground">{e.at.slice(0, 19).replace("T", " ")}</TableCell>
                  <TableCell className="font-mono text-xs">{versionOf.get(e.contractId ?? "") ?? ""}</TableCell>
                  <TableCell>{AUDIT_LABELS[e.action] ?? e.action}</TableCell>
                  <TableCell className="text-sm">{e.actor ?? "system"}</TableCell>
                  <TableCell className="text-sm">{detail}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {(auditFrom || audit.nextCursor) && (
          <p className="mt-2 flex gap-4 text-sm">
            {auditFrom && <Link href={`/contracts/${id}`} className="hover:underline">← First events</Link>}
            {audit.nextCursor && <Link href={`/contracts/${id}?auditFrom=${audit.nextCursor}`} className="hover:underline">Later events →</Link>}
          </p>
        )}
      </Section>
    </div>
  );
}
