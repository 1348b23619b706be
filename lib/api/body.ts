import { isUtf8 } from "node:buffer";
import { AppError } from "./errors";
import { pointerFor } from "./problem";

/**
 * Reads a request body while counting its bytes, and stops the moment it passes `maxBytes`, whether or not the
 * client declared a Content-Length (a chunked 50 MB body is refused after 1 MB, not after it has all arrived).
 */
export async function readBodyBytes(body: ReadableStream<Uint8Array> | null, declaredLength: string | null, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes`);
  if (declaredLength !== null && Number(declaredLength) > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Line and column (1-based) of a byte offset, for error messages a person can act on. */
function lineAndColumn(bytes: Buffer, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1} (byte ${offset})`;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // Bisect on prefixes: the shortest prefix that fails to decode ends at (or just after) the bad byte.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return low;
}

/**
 * Turns body bytes into text, refusing invalid UTF-8 and NUL characters (PostgreSQL text cannot hold NUL) with a
 * 422 that says where they are.
 */
export function decodeText(bytes: Buffer, where: string): string {
  if (!isUtf8(bytes)) {
    throw new AppError("VALIDATION", `The ${where} is not valid UTF-8 at ${lineAndColumn(bytes, firstInvalidUtf8(bytes))}`, {
      errors: [{ pointer: "/", message: "invalid UTF-8" }],
    });
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new AppError("VALIDATION", `The ${where} contains a NUL character at ${lineAndColumn(bytes, nul)}`, {
      errors: [{ pointer: "/", message: "NUL character" }],
    });
  }
  return bytes.toString("utf8");
}

export const MAX_JSON_DEPTH = 64;

/**
 * Refuses JSON nested deeper than MAX_JSON_DEPTH before it is parsed: the walks after the parse (NUL check, zod)
 * recurse, and a 100 000-deep array would overflow the stack into a 500. Counts brackets outside strings.
 */
export function refuseDeepJson(text: string, where: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) {
        throw new AppError("VALIDATION", `The ${where} is nested deeper than ${maxDepth} levels at ${lineAndColumn(Buffer.from(text), Buffer.byteLength(text.slice(0, i)))}`, {
          errors: [{ pointer: "/", message: `nested deeper than ${maxDepth} levels` }],
        });
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** The JSON pointer of the first string (value or key) holding U+0000, or undefined. */
export function findNul(value: unknown, path: (string | number)[] = []): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? pointerFor(path) || "/" : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return pointerFor([...path, key]);
      const found = findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

export function refuseNul(value: unknown, prefix: string, what: string): void {
  const pointer = findNul(value);
  if (pointer) {
    const at = prefix + (pointer === "/" ? "" : pointer) || "/";
    throw new AppError("VALIDATION", `${what} ${at} contains a NUL character`, { errors: [{ pointer: at, message: "NUL character (U+0000) is not allowed" }] });
  }
}

/** Percent-decodes one query component to bytes, without the replacement characters URLSearchParams inserts. */
function percentDecode(component: string): Buffer {
  return Buffer.from(
    component.replace(/\+/g, " ").replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );
}

/**
 * The query string as name -> value, refusing NUL and invalid UTF-8 in any name or value with a 422 naming the
 * parameter (URLSearchParams would silently turn invalid bytes into U+FFFD).
 */
export function parseQuery(rawSearch: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of rawSearch.replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const [rawName, ...rest] = pair.split("=");
    const name = percentDecode(rawName);
    const value = percentDecode(rest.join("="));
    const nameText = isUtf8(name) ? name.toString("utf8") : undefined;
    const pointer = pointerFor([nameText ?? rawName], "/query");
    if (!nameText || !isUtf8(value)) {
      throw new AppError("VALIDATION", `The query parameter ${pointer} is not valid UTF-8`, { errors: [{ pointer, message: "invalid UTF-8" }] });
    }
    if (name.includes(0) || value.includes(0)) {
      throw new AppError("VALIDATION", `The query parameter ${pointer} contains a NUL character`, { errors: [{ pointer, message: "NUL character (U+0000) is not allowed" }] });
    }
    // URLSearchParams semantics: the last of repeated names wins in Object.fromEntries.
    result[nameText] = value.toString("utf8");
  }
  return result;
}
