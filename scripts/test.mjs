// `npm test`: unit and integration tests (vitest), then browser and API tests (Playwright) against `npm start`.
import { spawnSync } from "node:child_process";

const run = (command, args) => spawnSync("npx", ["--no-install", command, ...args], { stdio: "inherit", env: process.env }).status ?? 1;

const unit = run("vitest", ["run"]);
const e2e = run("playwright", ["test"]);
const failed = [unit && "vitest", e2e && "playwright"].filter(Boolean);
console.log(failed.length ? `\nFailed: ${failed.join(", ")}` : "\nAll test suites passed.");
process.exit(failed.length ? 1 : 0);
