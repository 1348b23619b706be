import type { FieldError } from "@/lib/api/errors";

/** A problem+json answer from /api/v1, with the per-field errors keyed by JSON pointer for forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** The message for one form field, by JSON pointer ("/email"). */
  field(pointer: string): string | undefined {
    return this.errors.find((e) => e.pointer === pointer)?.message;
  }
}

/** fetch against the portal's own API with the browser session; throws ApiError on any problem answer. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, payload?.detail ?? `Request failed with status ${response.status}`, payload?.errors, payload?.requestId);
  }
  return payload as T;
}
