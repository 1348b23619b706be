// CSV as RFC 4180 says (comma, CRLF, fields with quotes, commas or line breaks quoted, quotes doubled), UTF-8.

export type CsvValue = string | number | boolean | null | undefined;

/** Plain RFC 4180 quoting, for machine-read files (e.g. xBRL-CSV) whose values must stay exactly as they are. */
export function rawCsvCell(value: CsvValue): string {
  if (value === undefined || value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 quoting; a leading = + - @ tab or CR is neutralised so spreadsheets do not run the cell as a formula. */
export function csvCell(value: CsvValue): string {
  if (value === undefined || value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return rawCsvCell(text);
}

/** A whole document: header row, then rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], cell: (v: CsvValue) => string = csvCell): string {
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
