import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { suggestField } from "./classify";

type Tx = Prisma.TransactionClient;

/** A field without a classification row yet: what the rules look at. */
export type FieldRow = { id: string; interface_id: string; path: string; name: string; type: string | null; format: string | null; example: string | null };
type Decision = {
  interface_id: string;
  path: string;
  status: "CONFIRMED" | "REJECTED";
  level: string;
  personal_category: string | null;
  special_category: string | null;
  criminal: boolean;
  pci_element: string | null;
  rule: string;
  matched_words: string[];
  confidence: number;
  reason: string;
  decided_by_id: string | null;
  decided_at: Date | null;
  decision_note: string | null;
};

export type SuggestResult = { interfaces: number; suggested: number; carriedOver: number };

/**
 * Suggests a classification for every field of the latest versions (of the given interfaces, or all) that has none
 * yet. A field whose path was confirmed or rejected in an earlier version keeps that decision, so a new spec version
 * does not send the officer the same questions again. Set-based: one insert whatever the number of fields.
 */
export async function suggestForInterfaces(tx: Tx, interfaceIds?: string[]): Promise<SuggestResult> {
  if (interfaceIds && interfaceIds.length === 0) return { interfaces: 0, suggested: 0, carriedOver: 0 };
  // Given interfaces: each one's latest version through the (interface_id, created_at) index, its fields through the
  // interface_version_id index; the cost follows the import's own fields, never the estate's (the single query with
  // "ids IS NULL OR ..." was planned as a scan of every field, inside the import lock).
  const latest = interfaceIds
    ? Prisma.sql`SELECT v.id FROM unnest(${interfaceIds}::uuid[]) AS i(id)
        CROSS JOIN LATERAL (SELECT id FROM interface_version WHERE interface_id = i.id ORDER BY created_at DESC, id DESC LIMIT 1) v`
    : Prisma.sql`SELECT DISTINCT ON (interface_id) id FROM interface_version ORDER BY interface_id, created_at DESC, id DESC`;
  const fields = await tx.$queryRaw<FieldRow[]>`
    WITH latest AS (${latest})
    SELECT f.id::text, f.interface_id::text, f.path, f.name, f.type, f.format, f.example
    FROM interface_field f JOIN latest l ON l.id = f.interface_version_id
    LEFT JOIN field_classification fc ON fc.field_id = f.id
    WHERE fc.field_id IS NULL`;
  return suggestForFields(tx, fields);
}

/**
 * suggestForInterfaces for fields the caller has at hand: an import passes the rows it has just written, rather than
 * reading every one of them back (330,000 rows for the Microsoft Graph spec).
 */
export async function suggestForFields(tx: Tx, fields: readonly FieldRow[]): Promise<SuggestResult> {
  if (fields.length === 0) return { interfaces: 0, suggested: 0, carriedOver: 0 };
  const touched = [...new Set(fields.map((f) => f.interface_id))];
  const decisions = await tx.$queryRaw<Decision[]>`
    SELECT DISTINCT ON (f.interface_id, f.path) f.interface_id::text, f.path, fc.status::text, fc.level::text, fc.personal_category,
      fc.special_category, fc.criminal, fc.pci_element, fc.rule, fc.matched_words, fc.confidence, fc.reason, fc.decided_by_id::text,
      fc.decided_at, fc.decision_note
    FROM field_classification fc JOIN interface_field f ON f.id = fc.field_id
    WHERE fc.status <> 'SUGGESTED' AND fc.interface_id = ANY(${touched}::uuid[])
    ORDER BY f.interface_id, f.path, fc.decided_at DESC NULLS LAST`;
  const decided = new Map(decisions.map((d) => [`${d.interface_id}|${d.path}`, d]));

  const rows: SuggestionRow[] = [];
  let carriedOver = 0;
  for (const [i, field] of fields.entries()) {
    // 300,000 fields of a provider spec are seconds of rule matching: other requests get the thread in between.
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToOthers();
    const prior = decided.get(`${field.interface_id}|${field.path}`);
    if (prior) {
      const { path: _path, ...rest } = prior;
      rows.push({ ...rest, field_id: field.id });
      carriedOver++;
      continue;
    }
    const s = suggestField(field);
    if (!s) continue;
    rows.push({
      field_id: field.id, interface_id: field.interface_id, status: "SUGGESTED", level: s.level, personal_category: s.personalCategory,
      special_category: s.specialCategory, criminal: s.criminal, pci_element: s.pciElement, rule: s.rule, matched_words: s.matchedWords,
      confidence: s.confidence, reason: s.reason, decided_by_id: null, decided_at: null, decision_note: null,
    });
  }
  if (rows.length === 0) return { interfaces: touched.length, suggested: 0, carriedOver: 0 };
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    if (start > 0) await yieldToOthers();
    await insertSuggestions(tx, rows.slice(start, start + INSERT_BATCH));
  }
  // Carried-over confirmations classify the new version's field too.
  const confirmed = rows.filter((r) => r.status === "CONFIRMED");
  if (confirmed.length) {
    await tx.$executeRaw`
      UPDATE interface_field f SET classification = u.level::"Classification"
      FROM unnest(${confirmed.map((r) => r.field_id)}::uuid[], ${confirmed.map((r) => r.level)}::text[]) AS u(id, level) WHERE f.id = u.id`;
  }
  return { interfaces: touched.length, suggested: rows.length - carriedOver, carriedOver };
}

// Rows per statement: building and sending one statement for 100,000 suggestions held the request thread for seconds.
const INSERT_BATCH = 2000;
const YIELD_EVERY = 2000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

type SuggestionRow = Omit<Decision, "path" | "status"> & { field_id: string; status: string };

async function insertSuggestions(tx: Tx, rows: readonly SuggestionRow[]): Promise<void> {
  const col = <K extends keyof SuggestionRow>(key: K) => rows.map((r) => r[key] ?? null);
  // Arrays of arrays cannot travel as one parameter; matched words go as a JSON array per row.
  await tx.$executeRaw`
    INSERT INTO field_classification (field_id, interface_id, status, level, personal_category, special_category, criminal, pci_element, rule,
      matched_words, confidence, reason, decided_by_id, decided_at, decision_note, updated_at)
    SELECT u.field_id, u.interface_id, u.status::"SuggestionStatus", u.level::"Classification", u.personal_category, u.special_category, u.criminal,
      u.pci_element, u.rule, ARRAY(SELECT jsonb_array_elements_text(u.words)), u.confidence, u.reason, u.decided_by_id, u.decided_at, u.decision_note, now()
    FROM unnest(
      ${col("field_id")}::uuid[], ${col("interface_id")}::uuid[], ${col("status")}::text[], ${col("level")}::text[], ${col("personal_category")}::text[],
      ${col("special_category")}::text[], ${col("criminal")}::boolean[], ${col("pci_element")}::text[], ${col("rule")}::text[],
      ${rows.map((r) => JSON.stringify(r.matched_words))}::jsonb[], ${col("confidence")}::float8[], ${col("reason")}::text[],
      ${col("decided_by_id")}::uuid[], ${col("decided_at")}::timestamptz[], ${col("decision_note")}::text[]
    ) AS u(field_id, interface_id, status, level, personal_category, special_category, criminal, pci_element, rule, words, confidence, reason,
      decided_by_id, decided_at, decision_note)`;
}
