// The CLI's only way to the server: JSON over /api/v1 with a bearer token, problem+json turned into messages.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseRetryAfter } from "../utils/retry-after";

export class CliError extends Error {}

export type Connection = { url: string; token?: string };

export function tokenFilePath(env = process.env): string {
  const configHome = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(configHome, "interchange", "token");
}

export async function readStoredToken(): Promise<string | undefined> {
  const text = await readFile(tokenFilePath(), "utf8").catch(() => undefined);
  return text?.trim() || undefined;
}

/** The token is a password equivalent: only the owner may read it (0600, in a 0700 directory). */
export async function storeToken(token: string): Promise<string> {
  const file = tokenFilePath();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

/** --token, else INTERCHANGE_TOKEN, else the token stored by `cli login`. */
export async function resolveToken(flag: string | undefined, env = process.env): Promise<string | undefined> {
  return flag || env.INTERCHANGE_TOKEN || (await readStoredToken());
}

type Problem = { detail?: string; title?: string; errors?: { pointer: string; message: string }[]; requestId?: string };

/** A request the server turns away for now (429) is sent again after its Retry-After, for up to this long in all. */
export const RATE_LIMIT_PATIENCE_MS = 10 * 60_000;

/** Retry-After in seconds or as an HTTP date, kept between a quarter of a second and a minute; 5 s when absent. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  return Math.min(60_000, Math.max(250, parseRetryAfter(header, now) ?? 5000));
}

export async function apiRequest<T>(connection: Connection, method: string, apiPath: string, body?: unknown, patienceMs = RATE_LIMIT_PATIENCE_MS): Promise<T> {
  const url = new URL(apiPath, connection.url.endsWith("/") ? connection.url : `${connection.url}/`);
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (connection.token) headers.authorization = `Bearer ${connection.token}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  let response: Response;
  // A 429 means the server did nothing with the request (e.g. the caller's parses already running): send it again.
  for (let waited = 0; ; ) {
    try {
      response = await fetch(url, { method, headers, body: text });
    } catch (error) {
      throw new CliError(`Cannot reach ${connection.url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
    }
    if (response.status !== 429 || waited >= patienceMs) break;
    const pause = retryAfterMs(response.headers.get("retry-after"));
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, pause));
    waited += pause;
  }
  const payload = (await response.json().catch(() => null)) as (T & Problem) | null;
  if (!response.ok) {
    const problem = payload as Problem | null;
    const details = problem?.errors?.map((e) => `\n  ${e.pointer}: ${e.message}`).join("") ?? "";
    const hint = response.status === 401 ? "\nRun `npm run cli -- login`, or pass --token / set INTERCHANGE_TOKEN." : "";
    throw new CliError(`${response.status} ${problem?.detail ?? problem?.title ?? response.statusText}${details}${hint}`);
  }
  return payload as T;
}
