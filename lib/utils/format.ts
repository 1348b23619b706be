const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Dates in one unambiguous format everywhere, in UTC so server and browser render the same text. */
export function formatDateTime(iso: string | Date): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}
