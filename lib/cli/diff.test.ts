// `cli diff`: exit codes (0 compatible, 1 ERR, 2 unreadable input) and the documented --json shape.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffCommand } from "./diff";

const dir = mkdtempSync(path.join(os.tmpdir(), "cli-diff-"));
const file = (name: string, value: unknown) => {
  writeFileSync(path.join(dir, name), typeof value === "string" ? value : JSON.stringify(value));
  return name;
};
const record = (fields: unknown[]) => ({ type: "record", name: "Payment", fields });
const v1 = file("v1.avsc", record([{ name: "id", type: "string" }]));
const v2 = file("v2.avsc", record([{ name: "id", type: "string" }, { name: "note", type: "string", default: "" }]));
const v3 = file("v3.avsc", record([{ name: "id", type: "string" }, { name: "amount", type: "long" }]));
const broken = file("broken.yaml", "openapi: 3.0.0\npaths:\n  /a: [\n");

async function cli(files: string[], options: { mode?: string; format?: string; json?: boolean } = {}) {
  let out = "";
  let err = "";
  const code = await diffCommand(files, options, { out: (t) => (out += t), err: (t) => (err += t) }, dir);
  return { code, out, err };
}

describe("cli diff", () => {
  it("exits 0 on a compatible change and 1 on a breaking one", async () => {
    expect((await cli([v1, v2])).code).toBe(0);
    const breaking = await cli([v1, v3]);
    expect(breaking.code).toBe(1);
    expect(breaking.out).toMatch(/Breaking \(ERR\): 1/);
    expect(breaking.out).toMatch(/field 'amount' added without a default/);
  });

  it("--mode changes the verdict; NONE never fails", async () => {
    expect((await cli([v1, v3], { mode: "forward" })).code).toBe(0);
    expect((await cli([v1, v3], { mode: "NONE" })).code).toBe(0);
    expect((await cli([v3, v1], { mode: "FULL" })).code).toBe(1);
  });

  it("--json prints exactly { breaking, changes: [{ id, level, path, message, ... }] }", async () => {
    const { out, code } = await cli([v1, v3], { json: true });
    expect(code).toBe(1);
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed).sort()).toEqual(["breaking", "changes"]);
    expect(parsed.breaking).toBe(true);
    expect(parsed.changes[0]).toMatchObject({ id: "avro.field.added-without-default:Payment.amount", level: "ERR", path: "Payment.amount", message: expect.any(String) });
  });

  it("a history of versions runs the transitive modes and names the version broken", async () => {
    const { out, code } = await cli([v1, v2, file("v4.avsc", record([{ name: "id", type: "string" }, { name: "note", type: "string" }]))], { mode: "BACKWARD_TRANSITIVE", json: true });
    expect(code).toBe(1);
    expect(JSON.parse(out).changes.find((c: { level: string }) => c.level === "ERR")).toMatchObject({ breaksVersion: "v1.avsc" });
  });

  it("exits 2 on unreadable input, naming the file and line", async () => {
    const missing = await cli([v1, "missing.avsc"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read missing\.avsc: no such file/);
    const bad = await cli([broken, broken]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/broken\.yaml:\d+: malformed YAML/);
    expect((await cli([v1, v2], { mode: "SIDEWAYS" })).code).toBe(2);
  });

  it("still diffs a document that is not valid OpenAPI, and says so with the validator's first problems", async () => {
    const doc = (status: string) => ({ openapi: "3.0.3", info: { title: "A" }, paths: { "/a": { get: { responses: { [status]: { description: "ok" } } } } } });
    const result = await cli([file("invalid-1.json", doc("200")), file("invalid-2.json", doc("201"))], { json: true });
    const parsed = JSON.parse(result.out);
    expect(result.code).toBe(1);
    expect(parsed.changes.map((c: { rule: string }) => c.rule)).toContain("openapi.response.removed");
    expect(parsed.warnings[0]).toMatch(/invalid-1\.json is not a valid OpenAPI document/);
    expect(parsed.warnings.join("\n")).toMatch(/invalid-2\.json: \/info: must have required property 'version'/);
    expect((await cli([file("invalid-1.json", doc("200")), file("invalid-2.json", doc("201"))])).out).toMatch(/^warning: invalid-1\.json is not a valid OpenAPI document/m);
  });

  it("runs through npm run cli, offline, with the same exit codes", () => {
    // A server address nobody listens on: the command must not need it.
    const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "diff", ...args.map((a) => (a.startsWith("--") ? a : path.join(dir, a)))], { env: { ...process.env, INTERCHANGE_URL: "http://127.0.0.1:9" }, encoding: "utf8" });
    expect(run([v1, v2]).status).toBe(0);
    const breaking = run([v1, v3, "--json"]);
    expect(breaking.status).toBe(1);
    expect(JSON.parse(breaking.stdout).breaking).toBe(true);
    expect(run([v1, "missing.avsc"]).status).toBe(2);
  }, 60_000);
});
