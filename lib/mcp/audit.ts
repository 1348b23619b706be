import "server-only";
import { toAppError } from "@/lib/api/problem";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";

// Documents sent to diff or check can be megabytes; the audit keeps their size, not their text.
const MAX_AUDITED_STRING = 200;

function redact(value: unknown): unknown {
  if (typeof value === "string") return value.length > MAX_AUDITED_STRING ? `<${value.length} characters>` : value;
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  return value;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/**
 * Runs one MCP call as the token's owner and appends it to the audit trail (what was asked, with which
 * arguments, and whether it was answered or refused). Errors the API would send as problems come back as an
 * outcome; anything else is logged with the request id and reported without internals.
 */
export async function auditedCall<T>(ctx: Ctx, kind: "tool" | "resource", name: string, args: unknown, run: () => Promise<T>): Promise<Outcome<T>> {
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: await run() };
  } catch (error) {
    const known = toAppError(error);
    if (!known) logger.error({ err: error, requestId: ctx.requestId, mcp: name }, "MCP call failed");
    outcome = known
      ? { ok: false, code: known.code, message: known.message }
      : { ok: false, code: "INTERNAL", message: `An unexpected error occurred; quote request id ${ctx.requestId} when reporting it` };
  }
  await db().$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: `mcp.${kind}`,
      entityType: "mcp",
      entityId: null,
      after: { name, arguments: redact(args), outcome: outcome.ok ? "ok" : outcome.code, via: ctx.via },
    }),
  );
  return outcome;
}
