// Builds Interface.searchText, the one column catalog search indexes (full-text and trigram). Pure, so the
// importer, the demo extraction and any later metadata edit produce exactly the same text.

export type SearchTextInput = {
  name: string;
  description?: string | null;
  tags?: readonly string[];
  elements?: readonly { name: string; path?: string | null }[];
  fieldNames?: readonly string[];
};

/**
 * PostgreSQL refuses a tsvector over 1 MB and trigram indexes grow with the text; a huge provider spec would
 * otherwise produce megabytes of repeated names. Names come first, so truncation drops the least useful part.
 */
export const SEARCH_TEXT_MAX_CHARS = 200_000;

/** Each distinct term once, in order of importance: name, description, tags, operations/channels, fields. */
export function buildSearchText(input: SearchTextInput, maxChars = SEARCH_TEXT_MAX_CHARS): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  let length = 0;
  const add = (value: string | null | undefined) => {
    const term = value?.replace(/\s+/g, " ").trim();
    if (!term) return;
    const key = term.toLowerCase();
    if (seen.has(key) || length + term.length + 1 > maxChars) return;
    seen.add(key);
    parts.push(term);
    length += term.length + 1;
  };
  add(input.name);
  add(input.description);
  for (const tag of input.tags ?? []) add(tag);
  for (const element of input.elements ?? []) {
    add(element.name);
    add(element.path);
  }
  for (const field of input.fieldNames ?? []) add(field);
  return parts.join("\n");
}
