import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { SERVICE_TYPES } from "@/lib/compliance/records/codes";
import { loadFlowFacts } from "@/lib/compliance/records/catalog";
import { loadActivities, loadRegister } from "@/lib/compliance/records/register";
import { db } from "@/lib/db/client";
import { dataflowRows, dataflowsCsv } from "./dataflows";
import { defaultRefDate, doraPackage, validateRegister, type ValidationReport } from "./dora";
import { pciCsv, pciRows, type PciInput } from "./pci";
import { pciSvg } from "./pci-diagram";
import { pciInventoryCsv, type PciInventory, type PciInventoryInput } from "./pci-inventories";
import { ropaCsv, ropaPdf, ropaXlsx, type RopaRecord } from "./ropa";

export type CsvOptions = { bom?: boolean; record?: RopaRecord };
import type { ExportFormat, ExportHistoryItem } from "./schemas";

export type ExportFile = { filename: string; contentType: string; body: Buffer | string };

/** Writes the "who exported what, how many rows" event; an export that cannot be audited is not handed out. */
async function audited(ctx: Ctx, format: ExportFormat, after: Record<string, unknown>) {
  await db().$transaction((tx) => recordAudit(tx, ctx, { action: `export.${format}`, entityType: "export", entityId: format, after }));
}

const stamp = (now: Date) => now.toISOString().slice(0, 10);

export async function exportRopa(ctx: Ctx, format: "csv" | "xlsx" | "pdf", now = new Date(), options: CsvOptions = {}): Promise<ExportFile> {
  requirePermission(ctx, "compliance.export");
  const activities = await loadActivities(db());
  const filename = `ropa-${format === "csv" && options.record === "processor" ? "processor-" : ""}${stamp(now)}.${format}`;
  const file: ExportFile =
    format === "csv"
      ? { filename, contentType: "text/csv; charset=utf-8", body: ropaCsv(activities, options) }
      : format === "xlsx"
        ? { filename, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: await ropaXlsx(activities, now) }
        : { filename, contentType: "application/pdf", body: await ropaPdf(activities, now) };
  await audited(ctx, `ropa.${format}`, { filename, activities: activities.length });
  return file;
}

export async function exportDataflows(ctx: Ctx, now = new Date(), options: Pick<CsvOptions, "bom"> = {}): Promise<ExportFile> {
  requirePermission(ctx, "compliance.export");
  const flows = await loadFlowFacts(db());
  const filename = `dataflows-${stamp(now)}.csv`;
  await audited(ctx, "dataflows.csv", { filename, flows: dataflowRows(flows).length });
  return { filename, contentType: "text/csv; charset=utf-8", body: (options.bom ? "\uFEFF" : "") + dataflowsCsv(flows) };
}

export async function doraValidation(ctx: Ctx, refDate?: string, now = new Date()): Promise<ValidationReport> {
  requirePermission(ctx, "compliance.read");
  return validateRegister(await loadRegister(db()), { refDate: refDate ?? defaultRefDate(now) });
}

export async function exportDora(ctx: Ctx, refDate?: string, now = new Date()): Promise<ExportFile> {
  requirePermission(ctx, "compliance.export");
  const pkg = await doraPackage(await loadRegister(db()), { refDate: refDate ?? defaultRefDate(now) }, now);
  const filename = `${pkg.name}.zip`;
  await audited(ctx, "dora.zip", { filename, rows: pkg.rows, missingMandatoryValues: pkg.issues });
  return { filename, contentType: "application/zip", body: pkg.zip };
}

/** Systems, flows and their account-data elements, from the flows' declarations and the fields' PCI classification. */
async function loadPciInput(): Promise<PciInput> {
  const [systems, flows, fieldElements] = await Promise.all([
    db().system.findMany({
      select: {
        id: true, name: true, kind: true, vendor: true, pciScope: true, description: true, hostingCountries: true,
        ownerTeam: { select: { name: true } },
        ictServices: { select: { service: { select: { name: true, serviceType: true } } } },
        interfaces: { select: { protocol: true, encryptedInTransit: true } },
      },
      orderBy: { name: "asc" },
    }),
    db().flow.findMany({
      select: {
        id: true, name: true, pciElements: true, dataCategories: true, encryptedInTransit: true, sourceCountry: true, destinationCountry: true,
        consumerSystemId: true, interface: { select: { id: true, name: true, protocol: true, systemId: true, encryptedInTransit: true } },
      },
      orderBy: { name: "asc" },
    }),
    db().fieldClassification.findMany({ where: { pciElement: { not: null }, status: { not: "REJECTED" } }, select: { interfaceId: true, pciElement: true } }),
  ]);
  const byInterface = new Map<string, Set<string>>();
  for (const f of fieldElements) byInterface.set(f.interfaceId, (byInterface.get(f.interfaceId) ?? new Set()).add(f.pciElement!));
  return {
    systems: systems.map((s) => ({
      id: s.id, name: s.name, kind: s.kind, vendor: s.vendor, pciScope: s.pciScope, description: s.description, hostingCountries: s.hostingCountries,
      ownerTeam: s.ownerTeam?.name ?? null, interfaces: s.interfaces,
      service: s.ictServices.map(({ service }) => `${service.name} (${SERVICE_TYPES[service.serviceType] ?? service.serviceType})`).join("; ") || null,
    })),
    flows: flows.map((f) => {
      const elements = new Set([...f.pciElements, ...(byInterface.get(f.interface.id) ?? [])]);
      // A flow declared to carry "payment card data" carries card numbers even before its fields are classified.
      if (f.dataCategories.some((c) => /payment card data|cardholder data/i.test(c))) elements.add("PAN");
      return {
        id: f.id, name: f.name, interfaceId: f.interface.id, interfaceName: f.interface.name, protocol: f.interface.protocol,
        sourceId: f.interface.systemId, destinationId: f.consumerSystemId, elements: [...elements].sort(), encryptedInTransit: f.encryptedInTransit,
        interfaceEncryptedInTransit: f.interface.encryptedInTransit, sourceCountry: f.sourceCountry, destinationCountry: f.destinationCountry,
      };
    }),
  };
}

/** What the inventories add to the diagram's input: every interface with its latest version, and the provider records. */
async function loadPciInventoryInput(): Promise<PciInventoryInput> {
  const [input, interfaces, providers] = await Promise.all([
    loadPciInput(),
    db().interface.findMany({
      select: { id: true, name: true, systemId: true, protocol: true, kind: true, specFormat: true, versions: { select: { version: true }, orderBy: { createdAt: "desc" }, take: 1 } },
      orderBy: { name: "asc" },
    }),
    db().ictProvider.findMany({ select: { name: true, vendor: true, pciAocStatus: true, pciAocDate: true, pciResponsibilities: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    ...input,
    interfaces: interfaces.map(({ versions, ...i }) => ({ ...i, version: versions[0]?.version ?? null })),
    providers: providers.map((p) => ({ name: p.name, vendor: p.vendor, aocStatus: p.pciAocStatus, aocDate: p.pciAocDate?.toISOString().slice(0, 10) ?? null, responsibilities: p.pciResponsibilities })),
  };
}

const INVENTORY_FILE: Record<PciInventory, string> = {
  software: "pci-6.3.2-bespoke-software", keys: "pci-4.2.1.1-keys-certificates", components: "pci-12.5.1-components", providers: "pci-12.8-service-providers",
};

export async function exportPciInventory(ctx: Ctx, inventory: PciInventory, now = new Date(), options: Pick<CsvOptions, "bom"> = {}): Promise<ExportFile> {
  requirePermission(ctx, "compliance.export");
  const { csv, rows } = pciInventoryCsv(inventory, await loadPciInventoryInput(), now);
  const filename = `${INVENTORY_FILE[inventory]}-${stamp(now)}.csv`;
  await audited(ctx, `pci-${inventory}.csv`, { filename, rows });
  return { filename, contentType: "text/csv; charset=utf-8", body: (options.bom ? "\uFEFF" : "") + csv };
}

export async function exportPci(ctx: Ctx, format: "csv" | "svg", now = new Date()): Promise<ExportFile> {
  requirePermission(ctx, "compliance.export");
  const input = await loadPciInput();
  if (format === "csv") {
    const rows = pciRows(input);
    const filename = `pci-inventory-${stamp(now)}.csv`;
    const counts = { systems: rows.filter((r) => r[0] === "system").length, interfaces: rows.filter((r) => r[0] === "interface").length, providers: rows.filter((r) => r[0] === "third-party provider").length };
    await audited(ctx, "pci.csv", { filename, ...counts });
    return { filename, contentType: "text/csv; charset=utf-8", body: pciCsv(input) };
  }
  const svg = await pciSvg(input, now);
  const filename = `pci-account-data-flows-${stamp(now)}.svg`;
  await audited(ctx, "pci.svg", { filename, flows: input.flows.filter((f) => f.elements.some((e) => e === "PAN" || e === "SAD")).length });
  return { filename, contentType: "image/svg+xml; charset=utf-8", body: svg };
}

/** The latest exports, from the audit trail: who downloaded which report when, with its row counts. */
export async function listExportHistory(ctx: Ctx, limit = 20): Promise<ExportHistoryItem[]> {
  requirePermission(ctx, "compliance.read");
  const events = await db().auditEvent.findMany({
    where: { action: { startsWith: "export." } },
    orderBy: { seq: "desc" },
    take: limit,
    select: { seq: true, at: true, action: true, actorEmail: true, after: true },
  });
  return events.map((e) => {
    const after = (e.after ?? {}) as Record<string, unknown>;
    const { filename, ...counts } = after;
    return { id: e.seq.toString(), at: e.at.toISOString(), format: e.action.slice("export.".length), actorEmail: e.actorEmail, filename: typeof filename === "string" ? filename : null, counts };
  });
}

/** The HTTP answer for a download: attachment with the file's name, never cached by shared caches. */
export function fileResponse(file: ExportFile): Response {
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
