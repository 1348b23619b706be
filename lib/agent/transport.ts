// The agent's only way to the portal: JSON over HTTPS with the agent token. Failures are classified so the
// sender knows whether to retry the same batch (network, 5xx, 429, 401/403 while an operator fixes the token)
// or give it up (the portal refused the batch as a whole, e.g. 400/413/422: sending it again cannot help).
import { parseRetryAfter } from "../utils/retry-after";
import type { Batch } from "./buffer";

export type ConnectorStatus = { name: string; kind: string; status: "OK" | "ERROR"; error?: string };
export type Heartbeat = { version: string; host: string; connectors: ConnectorStatus[] };

export type TelemetryResult = { accepted?: unknown; rejected?: { index?: number; flowId?: string; reason?: string; message?: string }[] } & Record<string, unknown>;

export class PortalError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export type Transport = {
  sendBatch(batch: Batch): Promise<TelemetryResult>;
  heartbeat(body: Heartbeat): Promise<void>;
  close?(): Promise<void>;
};

type Problem = { title?: string; detail?: string; errors?: { pointer: string; message: string }[] };

export function httpTransport(options: { url: string; token: string; timeoutMs: number; userAgent: string }): Transport {
  const base = options.url.endsWith("/") ? options.url : `${options.url}/`;
  async function post<T>(apiPath: string, body: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(apiPath, base), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${options.token}`, "user-agent": options.userAgent },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: "error",
      });
    } catch (error) {
      const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
      throw new PortalError(`cannot reach ${options.url}: ${cause}`, true);
    }
    const payload = (await response.json().catch(() => null)) as (T & Problem) | null;
    if (response.ok) return payload as T;
    const problem = payload as Problem | null;
    const detail = [problem?.detail ?? problem?.title ?? response.statusText, ...(problem?.errors ?? []).slice(0, 5).map((e) => `${e.pointer}: ${e.message}`)].join("; ");
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408 || response.status === 401 || response.status === 403;
    throw new PortalError(`${apiPath} answered ${response.status}: ${detail}`, retryable, response.status, retryAfter ? retryAfter : undefined);
  }
  return {
    sendBatch: (batch) => post<TelemetryResult>("api/v1/telemetry", batch),
    heartbeat: async (body) => {
      await post<unknown>("api/v1/agents/heartbeat", body);
    },
  };
}
