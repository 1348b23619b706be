// `npm start`: build when the sources changed since the last build, then serve. The server itself migrates the
// database and, in demo mode, loads the demo estate (lib/boot.ts) before it answers.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sourceFingerprint } from "./source-fingerprint.mjs";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT || "3000";
const dataDir = path.resolve(root, process.env.DATA_DIR || ".data");
const env = { ...process.env, PORT: port, NODE_ENV: "production" };

// Sessions are signed with NEXTAUTH_SECRET; without one, keep a generated secret beside the data so sign-ins survive restarts.
if (!env.NEXTAUTH_SECRET) {
  mkdirSync(dataDir, { recursive: true });
  const secretFile = path.join(dataDir, "auth-secret");
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}
env.NEXTAUTH_URL ||= `http://localhost:${port}`;

const stamp = path.join(root, ".next", "interchange-source-fingerprint");
const fingerprint = sourceFingerprint(root);
const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint;
if (!built) {
  console.log("Building Interchange (first start, or the sources changed)...");
  const build = spawnSync("npx", ["--no-install", "next", "build"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, fingerprint);
}

const url = `http://localhost:${port}`;
if (await fetch(url).then(() => true, () => false)) {
  console.error(`Port ${port} is already in use. Stop what is serving there, or set PORT to another port.`);
  process.exit(1);
}

const server = spawn("npx", ["--no-install", "next", "start", "-p", port], { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

const demo = env.DEMO !== undefined ? env.DEMO === "1" || env.DEMO === "true" : !env.DATABASE_URL;
for (let attempt = 0; attempt < 600; attempt++) {
  await new Promise((r) => setTimeout(r, 500));
  const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
  if (!ok) continue;
  const { accounts, password } = JSON.parse(readFileSync(path.join(root, "lib", "demo", "accounts.json"), "utf8"));
  console.log(`\nInterchange is ready at ${url}`);
  console.log(`Database: ${env.DATABASE_URL ? "PostgreSQL from DATABASE_URL" : `embedded, in ${dataDir}`}`);
  if (demo) console.log(`Demo sign-in: ${accounts.map((a) => a.email).join(", ")} with the password ${password}\n`);
  break;
}
