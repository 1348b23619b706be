import { ZodError } from "zod";
import { AppError, type FieldError } from "./errors";

/** RFC 9457 problem details, with the request id and per-field errors as extension members. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId: string;
  errors?: FieldError[];
};

const TITLES: Record<string, string> = {
  VALIDATION: "The request is invalid",
  BAD_REQUEST: "The request could not be read",
  UNAUTHENTICATED: "Authentication required",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal server error",
  UNAVAILABLE: "Service unavailable",
};

/** JSON pointer (RFC 6901) for a zod issue path, prefixed with where it came from ("/query/limit"). */
export function pointerFor(path: readonly PropertyKey[], prefix = ""): string {
  return prefix + path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function zodToAppError(error: ZodError, prefix = ""): AppError {
  const errors = error.issues.map((issue) => ({ pointer: pointerFor(issue.path, prefix) || "/", message: issue.message }));
  const summary = errors.map((e) => `${e.pointer}: ${e.message}`).join("; ");
  return new AppError("VALIDATION", summary, { errors });
}

type PrismaLikeError = { code: string; meta?: { target?: unknown; modelName?: string } };
function isPrismaKnownError(error: unknown): error is PrismaLikeError {
  return typeof error === "object" && error !== null && "code" in error && typeof (error as { code: unknown }).code === "string" && /^P\d{4}$/.test((error as { code: string }).code);
}

/** Maps anything thrown to an AppError; null means "unexpected", to be logged and answered with a generic 500. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return zodToAppError(error);
  if (isPrismaKnownError(error)) {
    if (error.code === "P2002") return new AppError("CONFLICT", "A record with the same unique value already exists");
    if (error.code === "P2025") return new AppError("NOT_FOUND", "The record was not found");
  }
  return null;
}

export function problemFor(error: AppError, requestId: string, instance?: string): Problem {
  return {
    type: `urn:interchange:problem:${error.code.toLowerCase().replace(/_/g, "-")}`,
    title: TITLES[error.code] ?? error.code,
    status: error.status,
    detail: error.message,
    instance,
    code: error.code,
    requestId,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function problemResponse(error: AppError, requestId: string, instance?: string): Response {
  return new Response(JSON.stringify(problemFor(error, requestId, instance)), {
    status: error.status,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId, ...error.headers },
  });
}
