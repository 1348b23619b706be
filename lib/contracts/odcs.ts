// A contract version as an Open Data Contract Standard v3 document, and back. Interchange's own fields that
// ODCS has no place for (compatibility mode, schema format and text, error semantics, personal-data and
// cross-border flags) travel as customProperties; SLA entries as slaProperties. Import reuses the catalog's
// ODCS parser (lib/catalog/import/odcs.ts) for structure checks, limits and line numbers.
import { ImportError, importLimitsFromEnv, type ImportProblem } from "@/lib/catalog/import/model";
import { parseOdcs } from "@/lib/catalog/import/odcs";
import { loadSource } from "@/lib/catalog/import/source";
import { asArray, asRecord, str } from "@/lib/catalog/import/util";
import { odcsCandidate } from "./odcs-contract";
import { ContractContent } from "./schemas";

export { toOdcsDocument, toOdcsYaml, type OdcsExportInput } from "./odcs-export";

/**
 * Reads an ODCS v3 document back into the editable content of a contract version. Problems name the line and
 * the JSON pointer in the YAML; nothing is half-read.
 */
export function fromOdcsYaml(text: string): ContractContent {
  const limits = importLimitsFromEnv();
  const source = loadSource("contract.yaml", text, limits);
  const root = source.values[0];
  parseOdcs(root, source, { limits, systemSlug: "contract" });
  const doc = asRecord(root);
  const customIndex = new Map(asArray(doc.customProperties).map((p, i) => [str(asRecord(p).property) ?? "", i] as const));
  const slaPointer = new Map<string, string>();
  asArray(doc.slaProperties).forEach((raw, i) => {
    const property = str(asRecord(raw).property);
    if (property) slaPointer.set(property, `/slaProperties/${i}`);
  });
  const candidate = odcsCandidate(doc);
  const parsed = ContractContent.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const problems: ImportProblem[] = parsed.error.issues.map((issue) => {
    const [head, ...rest] = issue.path.map(String);
    const pointer =
      head === "version" ? "/version"
      : head === "sla" ? (slaPointer.get(rest[0] ?? "") ?? "/slaProperties")
      : head === "description" || head === "changeNote" ? "/description"
      : customIndex.has(head) ? `/customProperties/${customIndex.get(head)}/value${rest.length ? "/" + rest.join("/") : ""}`
      : "/customProperties";
    const what = head === undefined ? "" : head === "sla" ? `SLA ${rest[0] ?? ""}: ` : `${head}${rest.length ? "." + rest.join(".") : ""}: `;
    return source.at(pointer, `${what}${issue.code === "invalid_value" || issue.code === "invalid_type" ? issue.message : issue.message}`);
  });
  throw new ImportError(problems);
}
