// A contract version as an ODCS v3 YAML document (see odcs.ts for the way back). Pure and browser-safe: the
// proposal form's YAML editor uses it too.
import { stringify } from "yaml";
import type { ContractContent, Sla } from "./schemas";

export type OdcsExportInput = ContractContent & {
  interface: { slug: string; name: string };
  ownerTeam?: { name: string } | null;
  status: string;
};

const SLA_UNITS: Record<string, string> = {
  freshnessMaxLagSeconds: "s",
  deliverySuccessPct: "%",
  latencyP95Ms: "ms",
  latencyP99Ms: "ms",
  availabilityPct: "%",
};

const ODCS_STATUS: Record<string, string> = { DRAFT: "draft", IN_REVIEW: "proposed", APPROVED: "approved", ACTIVE: "active", DEPRECATED: "deprecated", RETIRED: "retired", REJECTED: "rejected" };

export function toOdcsYaml(contract: OdcsExportInput): string {
  const sla: Record<string, unknown>[] = [];
  for (const [property, value] of Object.entries(contract.sla) as [keyof Sla, unknown][]) {
    if (value === undefined) continue;
    if (property === "volumePerMinute") {
      const range = value as { min: number; max: number };
      sla.push({ property: "volumePerMinute", value: range.min, valueExt: range.max, unit: "messages/min" });
    } else sla.push({ property, value, unit: SLA_UNITS[property] });
  }
  const doc = {
    apiVersion: "v3.0.2",
    kind: "DataContract",
    id: contract.interface.slug,
    name: contract.interface.name,
    version: contract.version,
    status: ODCS_STATUS[contract.status] ?? "draft",
    ...(contract.ownerTeam ? { team: { name: contract.ownerTeam.name } } : {}),
    ...(contract.description || contract.changeNote ? { description: { ...(contract.description ? { purpose: contract.description } : {}), ...(contract.changeNote ? { usage: contract.changeNote } : {}) } } : {}),
    ...(sla.length ? { slaProperties: sla } : {}),
    customProperties: [
      { property: "compatibilityMode", value: contract.compatibilityMode },
      { property: "classification", value: contract.classification },
      { property: "personalData", value: contract.personalData },
      { property: "crossBorderTransfer", value: contract.crossBorderTransfer },
      ...(Object.keys(contract.errorHandling).length ? [{ property: "errorHandling", value: contract.errorHandling }] : []),
      { property: "schemaFormat", value: contract.schemaFormat },
      { property: "schema", value: contract.schema },
    ],
  };
  return stringify(doc, { lineWidth: 0, blockQuote: "literal" });
}

