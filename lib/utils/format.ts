const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Dates in one unambiguous format everywhere, in UTC so server and browser render the same text. */
export function formatDateTime(iso: string | Date): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** "1 row", "2 rows": a count with its noun in the right number (English plurals by -s unless given). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? singular : plural}`;
}
