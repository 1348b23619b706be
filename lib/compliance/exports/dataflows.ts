import { transferCountriesOf, type FlowFacts } from "@/lib/compliance/records/derive";
import { describeTransfer } from "@/lib/compliance/transfers";
import { toCsv } from "@/lib/utils/csv";

const external = (kind: string) => kind === "SAAS" || kind === "THIRD_PARTY";

export const DATAFLOW_HEADER = [
  "Flow", "Flow id", "Source system", "Destination system", "Recipient", "Data categories", "Data subjects", "Special categories",
  "Purpose", "Lawful basis", "Source country", "Destination country", "Processing countries", "Transfer countries (outside the EEA)", "Transfer tool and evidence", "Transfer document", "Encrypted in transit", "Classification",
] as const;

/** The GDPR data-flow map: one row per flow that carries personal data. */
export function dataflowRows(flows: FlowFacts[]) {
  return flows
    .filter((f) => f.dataCategories.length > 0 || f.dataSubjects.length > 0 || f.specialCategories.length > 0)
    .map((f) => [
      f.name,
      f.id,
      f.source.name,
      f.destination.name,
      external(f.destination.kind) ? `External: ${f.destination.vendor ?? f.destination.name}` : "Internal",
      f.dataCategories.join("; "),
      f.dataSubjects.join("; "),
      f.specialCategories.join("; "),
      f.purpose ?? "",
      f.lawfulBasis ?? "",
      f.sourceCountry ?? "",
      f.destinationCountry ?? "",
      f.processingCountries.join("; "),
      transferCountriesOf(f).join("; "),
      transferCountriesOf(f).length || f.transfer.tool ? describeTransfer(f.transfer) : "",
      f.transferDocument ?? "",
      f.encryptedInTransit ? "yes" : "no",
      f.classification ?? "",
    ]);
}

export const dataflowsCsv = (flows: FlowFacts[]) => toCsv(DATAFLOW_HEADER, dataflowRows(flows));
