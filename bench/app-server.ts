// The real app for benchmarks: `npm start` (scripts/start.mjs builds when the sources changed, then `next start`)
// against a bench database, without the demo estate, in its own process group so it can be measured and stopped.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type AppServer = {
  base: string;
  /** CPU time (user + system, ms) of every process of the app so far: the start script, npx and the Next server. */
  cpuMs(): number;
  stop(): void;
};

const ROOT = path.resolve(import.meta.dirname, "..");
// Linux reports process CPU in clock ticks; 100 per second on every mainstream kernel configuration.
const TICKS_PER_SECOND = 100;

/** Without `databaseUrl` the app opens the embedded database in `.data/<name>` (DATA_DIR), as `npm start` does. */
export async function startApp(options: { databaseUrl?: string; port: number; name: string; env?: Record<string, string>; readyTimeoutMs?: number }): Promise<AppServer> {
  const base = `http://127.0.0.1:${options.port}`;
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const server = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs")], {
    cwd: ROOT,
    env: {
      ...inherited,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      PORT: String(options.port),
      NEXTAUTH_URL: base,
      DEMO: "",
      DATA_DIR: appDataDir(options.name),
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const group = server.pid!;
  const stop = () => {
    try {
      process.kill(-group, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  // The first start builds the app: on a shared, loaded machine that can take longer than 15 minutes.
  const deadline = Date.now() + (options.readyTimeoutMs ?? 900_000);
  while (!(await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`The app did not answer on ${base} (exit code ${server.exitCode})`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { base, cpuMs: () => groupCpuMs(group), stop };
}

export function appDataDir(name: string): string {
  return path.join(ROOT, ".data", name);
}

/** utime + stime of a process in ms and its process group, from /proc (Linux); null once it is gone. */
function processCpu(pid: number | string): { ms: number; group: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // Fields after the command name (which may contain spaces) start at state (field 3).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND, group: Number(fields[2]) };
}

/** Sum of utime + stime over the processes in a process group. */
function groupCpuMs(group: number): number {
  let ms = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = processCpu(entry);
    if (cpu?.group === group) ms += cpu.ms;
  }
  return ms;
}

/**
 * CPU time (ms) of the PostgreSQL server processes serving `pids` (from pg_stat_activity), so a bench can say what
 * a request costs the database as well as the app. Only a local server's processes can be read.
 */
export function backendCpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (processCpu(pid)?.ms ?? 0), 0);
}
