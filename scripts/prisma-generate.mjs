// `prisma generate` needs no database, but the CLI insists on a schema-engine binary it would otherwise
// download. Any existing file satisfies the check, so generation works offline.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
