import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/utils/uuid";

/** Where the previous page ended: the sort it belongs to, the last row's sort key and id (the tie-breaker). */
export type Cursor = { sort: string; key: string | number; id: string };

/** Opaque to clients, so the key format can change without breaking their pagination code. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString("base64url");
}

/** Rejects anything not made by encodeCursor for the same sort, so a stale or forged cursor fails loudly. */
export function decodeCursor(raw: string, sort: string): Cursor {
  const invalid = () => new AppError("VALIDATION", "The cursor is invalid or belongs to another sort", { errors: [{ pointer: "/query/cursor", message: "Invalid cursor" }] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [s, key, id] = parsed as unknown[];
  if (s !== sort || typeof id !== "string" || !isUuid(id)) throw invalid();
  if (typeof key === "number" ? !Number.isFinite(key) : typeof key !== "string") throw invalid();
  if (sort === "updated" && Number.isNaN(Date.parse(key as string))) throw invalid();
  return { sort, key: key as string | number, id };
}
