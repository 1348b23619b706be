// The CLI's only way to the server: JSON over /api/v1 with a bearer token, problem+json turned into messages.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

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

export async function apiRequest<T>(connection: Connection, method: string, apiPath: string, body?: unknown): Promise<T> {
  const url = new URL(apiPath, connection.url.endsWith("/") ? connection.url : `${connection.url}/`);
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (connection.token) headers.authorization = `Bearer ${connection.token}`;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new CliError(`Cannot reach ${connection.url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
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
