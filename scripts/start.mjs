// `npm start`: build when the sources changed since the last build, then serve. The server itself migrates the
// database and, in demo mode, loads the demo estate (lib/boot.ts) before it answers. Every step prints a line with
// the time since start; "ready" is printed only once the server answers. In demo mode the demo connector agent
// (the real agent, lib/agent/main.ts, with the configuration the server wrote) is started once the server answers.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { sourceFingerprint } from "./source-fingerprint.mjs";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT || "3000";
const dataDir = path.resolve(root, process.env.DATA_DIR || ".data");
const env = { ...process.env, PORT: port, NODE_ENV: "production" };
const t0 = performance.now();
const step = (text) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${text}`);

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
  step("Building Interchange (first start, or the sources changed); this takes a few minutes...");
  const build = spawnSync("npx", ["--no-install", "next", "build"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, fingerprint);
  step("Build done");
} else {
  step("Build is up to date");
}

const url = `http://localhost:${port}`;
if (await fetch(url).then(() => true, () => false)) {
  console.error(`Port ${port} is already in use. Stop what is serving there, or set PORT to another port.`);
  process.exit(1);
}

const demo = env.DEMO !== undefined ? env.DEMO === "1" || env.DEMO === "true" : !env.DATABASE_URL;
step(`Starting the server on port ${port}${demo ? " (demo mode)" : ""}`);
const server = spawn("npx", ["--no-install", "next", "start", "-p", port], { cwd: root, stdio: ["inherit", "pipe", "inherit"], env });
let agent;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    agent?.kill(signal);
    server.kill(signal);
  });
}
server.on("exit", (code) => {
  agent?.kill("SIGTERM");
  process.exit(code ?? 0);
});

// Server log lines pass through unchanged; the boot steps (lib/boot.ts) also get a progress line.
const BOOT_STEPS = [
  [/^opening database$/, "Opening the database"],
  [/^applied migrations$/, "Applied the migrations"],
  [/^loading the demo estate/, "Loading the demo estate into the empty database"],
  [/^demo estate: catalog written/, "Demo estate: catalog written; reading the specs"],
  [/^demo estate: specs read/, "Demo estate: specs read; adding compliance records and field lineage"],
  [/^loaded the demo estate$/, "Demo estate loaded"],
  [/^demo contract work in progress$/, "Demo contract reviews in progress added"],
  [/^re-evaluated the compliance policies$/, "Compliance policies evaluated"],
  [/^demo connector agent configured$/, "Demo connector agent registered"],
];
let lastStep = "starting the server";
createInterface({ input: server.stdout }).on("line", (line) => {
  process.stdout.write(`${line}\n`);
  let msg;
  try {
    msg = JSON.parse(line).msg;
  } catch {
    return;
  }
  const known = BOOT_STEPS.find(([pattern]) => pattern.test(msg ?? ""));
  if (known) {
    lastStep = known[1];
    step(known[1]);
  }
});

let ready = false;
const waiting = setInterval(() => ready || step(`Still starting (last step: ${lastStep})...`), 15_000);
for (let attempt = 0; attempt < 2400 && !ready; attempt++) {
  await new Promise((r) => setTimeout(r, 500));
  ready = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
}
clearInterval(waiting);
if (ready) {
  const { accounts, password } = JSON.parse(readFileSync(path.join(root, "lib", "demo", "accounts.json"), "utf8"));
  step(`Interchange is ready at ${url}`);
  console.log(`Database: ${env.DATABASE_URL ? "PostgreSQL from DATABASE_URL" : `embedded, in ${dataDir}`}`);
  if (demo) console.log(`Demo sign-in: ${accounts.map((a) => a.email).join(", ")} with the password ${password}\n`);
  const agentConfig = path.join(dataDir, "demo-agent", "agent.yaml");
  if (demo && existsSync(agentConfig)) {
    const log = createWriteStream(path.join(dataDir, "demo-agent", "agent.log"), { flags: "a" });
    agent = spawn("npx", ["--no-install", "tsx", "lib/agent/main.ts", "--config", agentConfig], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...env, NODE_ENV: "production" } });
    agent.stdout.pipe(log);
    agent.stderr.pipe(log);
    agent.on("exit", (code, signal) => signal || step(`The demo connector agent stopped (exit ${code}); see ${path.join(dataDir, "demo-agent", "agent.log")}`));
    step(`Demo connector agent started: labelled synthetic traffic every 15 s, with scheduled faults (log: ${path.relative(root, path.join(dataDir, "demo-agent", "agent.log"))})`);
  }
} else {
  step(`The server did not answer at ${url}/api/v1/health; see the log above`);
}
