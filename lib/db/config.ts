import path from "node:path";

export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string | null };

/** DATABASE_URL selects a real PostgreSQL; otherwise the embedded PGlite database in $DATA_DIR (default ./.data). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "embedded", dataDir: path.resolve(env.DATA_DIR || ".data", "pglite") };
}

export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "embedded") return config.dataDir ? `embedded PostgreSQL in ${config.dataDir}` : "embedded PostgreSQL in memory";
  const url = new URL(config.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
