// Catalog search latency over a realistic estate: the demo estate plus synthetic interfaces (with versions,
// elements, fields, flows and contracts) in a throwaway PostgreSQL database. Prints JSON.
//   npm run bench:search            (TEST_DATABASE_URL, else postgresql://root@127.0.0.1:5432/postgres)
//   SYNTHETIC=20000 ITERATIONS=100 npm run bench:search
//   KEEP_DATABASE=1 npm run bench:search   (leaves the database for EXPLAIN; its name is in the output)
import { randomBytes } from "node:crypto";
import pg from "pg";
import { systemCtx } from "@/lib/auth/require";
import { encodeCursor } from "@/lib/catalog/cursor";
import { searchInterfaces } from "@/lib/catalog/search";
import type { SearchInterfacesInput } from "@/lib/catalog/schemas";
import { openDatabase, setProcessDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedDemoEstate } from "@/lib/demo/seed";

const SERVER = process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const SYNTHETIC = Number(process.env.SYNTHETIC ?? 10_000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 60);
const ONLY = process.env.ONLY; // run only the scenarios whose label contains this

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Set-based: one INSERT ... SELECT per table, so 10,000 interfaces and their children load in seconds.
const SYNTHETIC_SQL = (n: number) => `
CREATE TEMP TABLE words AS SELECT ARRAY['payment','order','customer','invoice','shipment','parcel','ledger','account','refund','quote',
  'pricing','inventory','catalog','booking','claim','policy','member','loyalty','voucher','settlement','transfer','card','risk','fraud',
  'identity','consent','address','notification','document','contract','warehouse','route','carrier','tariff','subscription','usage',
  'meter','billing','tax','audit','report','forecast','supplier','purchase','receipt','return','review','session','device','sensor'] AS w;
CREATE TEMP TABLE syn_system AS
  SELECT gen_random_uuid() AS id, g AS n FROM generate_series(1, ${Math.ceil(n / 20)}) g;
INSERT INTO system (id, slug, name, domain_id, owner_team_id, updated_at)
  SELECT s.id, 'syn-system-' || s.n, 'Synthetic System ' || s.n,
         (SELECT id FROM domain ORDER BY id OFFSET (s.n % (SELECT count(*) FROM domain)) LIMIT 1),
         (SELECT id FROM team ORDER BY id OFFSET (s.n % (SELECT count(*) FROM team)) LIMIT 1), now()
  FROM syn_system s;
CREATE TEMP TABLE syn AS
  SELECT gen_random_uuid() AS id, g AS n, (SELECT id FROM syn_system WHERE n = 1 + g % ${Math.ceil(n / 20)}) AS system_id,
         (SELECT w[1 + g % 50] FROM words) AS a, (SELECT w[1 + (g / 50) % 50] FROM words) AS b, (SELECT w[1 + (g * 7) % 50] FROM words) AS c
  FROM generate_series(1, ${n}) g;
INSERT INTO interface (id, slug, name, description, system_id, kind, protocol, style, lifecycle, sunset_date, tags, search_text, updated_at)
  SELECT id, 'syn-' || n, initcap(a) || ' ' || initcap(b) || CASE WHEN n % 3 = 0 THEN ' Events ' ELSE ' API ' END || n,
         'Synthetic ' || a || ' ' || b || ' interface number ' || n, system_id,
         (CASE WHEN n % 3 = 0 THEN 'EVENT' WHEN n % 17 = 0 THEN 'FILE' ELSE 'API' END)::"InterfaceKind",
         (CASE WHEN n % 3 = 0 THEN (ARRAY['KAFKA','AMQP','NATS','MQTT'])[1 + n % 4] WHEN n % 17 = 0 THEN 'SFTP'
               ELSE (ARRAY['HTTP','HTTP','HTTP','GRPC','SOAP','GRAPHQL'])[1 + n % 6] END)::"Protocol",
         (CASE WHEN n % 3 = 0 THEN 'EVENT' WHEN n % 17 = 0 THEN 'BATCH' ELSE 'REQUEST_RESPONSE' END)::"IntegrationStyle",
         (CASE WHEN n % 23 = 0 THEN 'DEPRECATED' WHEN n % 41 = 0 THEN 'RETIRED' ELSE 'ACTIVE' END)::"Lifecycle",
         CASE WHEN n % 23 = 0 THEN DATE '2030-01-01' END, ARRAY[a, c],
         concat_ws(' ', initcap(a) || ' ' || initcap(b), 'Synthetic ' || a || ' ' || b, a, c,
                   'GET /' || a || 's/{id}', 'POST /' || a || 's', b || '.' || c || '.created', initcap(a) || initcap(b),
                   a || 'Id', b || 'Amount', c || 'Status', 'createdAt', 'email', 'iban'),
         now() - (n || ' minutes')::interval
  FROM syn;
CREATE TEMP TABLE syn_version AS SELECT gen_random_uuid() AS id, id AS interface_id, n, a, b, c FROM syn;
INSERT INTO interface_version (id, interface_id, version, spec_format, spec, spec_hash)
  SELECT id, interface_id, '1.0.0', 'OPENAPI', 'openapi: 3.1.0', md5(id::text) FROM syn_version;
CREATE TEMP TABLE syn_element AS
  SELECT gen_random_uuid() AS id, v.id AS version_id, v.interface_id, e AS idx, v.n, v.a, v.b, v.c FROM syn_version v, generate_series(1, 6) e;
INSERT INTO interface_element (id, interface_version_id, interface_id, kind, name, method, path)
  SELECT id, version_id, interface_id,
         (CASE WHEN idx <= 4 THEN 'OPERATION' ELSE 'SCHEMA' END)::"ElementKind",
         CASE WHEN idx <= 4 THEN (ARRAY['GET','POST','PUT','DELETE'])[idx] || ' /' || a || 's/' || idx ELSE initcap(a) || initcap(b) || idx END,
         CASE WHEN idx <= 4 THEN (ARRAY['GET','POST','PUT','DELETE'])[idx] END, CASE WHEN idx <= 4 THEN '/' || a || 's/' || idx END
  FROM syn_element;
INSERT INTO interface_field (id, interface_version_id, interface_id, element_id, path, name, type, classification)
  SELECT gen_random_uuid(), version_id, interface_id, id, initcap(a) || '.' || f.name, f.name, 'string',
         (CASE WHEN f.name = 'iban' AND n % 5 = 0 THEN 'RESTRICTED' WHEN f.name = 'email' AND n % 2 = 0 THEN 'CONFIDENTIAL' END)::"Classification"
  FROM syn_element e, unnest(ARRAY[e.a || 'Id', e.b || 'Amount', e.c || 'Status', 'createdAt', 'email', 'iban']) AS f(name)
  WHERE e.idx > 4;
INSERT INTO flow (id, name, interface_id, consumer_system_id, style, updated_at)
  SELECT gen_random_uuid(), 'Synthetic flow ' || s.n || '-' || k, s.id,
         (SELECT id FROM syn_system WHERE n = 1 + (s.n * 13 + k * 101) % ${Math.ceil(n / 20)}), 'REQUEST_RESPONSE', now()
  FROM syn s, generate_series(1, 3) k WHERE s.n % 2 = 0
  ON CONFLICT DO NOTHING;
INSERT INTO data_contract (id, interface_id, version, status, schema_format, schema, classification, updated_at)
  SELECT gen_random_uuid(), id, '1.0.0', 'ACTIVE', 'JSON_SCHEMA', '{}', (ARRAY['PUBLIC','INTERNAL','CONFIDENTIAL'])[1 + n % 3]::"Classification", now()
  FROM syn WHERE n % 4 = 0;`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const name = `ic_bench_${randomBytes(5).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const database = openDatabase({ kind: "postgres", url: url.toString() });
  setProcessDatabase(database);
  try {
    const started = performance.now();
    await migrate(database.driver);
    await seedDemoEstate(database.prisma);
    await database.driver.exec(SYNTHETIC_SQL(SYNTHETIC));
    // The steady state autovacuum reaches: statistics, and visibility maps for index-only scans.
    await database.driver.exec("VACUUM ANALYZE");
    const seedMs = Math.round(performance.now() - started);
    const [counts] = await database.driver.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM interface) AS interfaces, (SELECT count(*)::int FROM interface_element) AS elements,
              (SELECT count(*)::int FROM interface_field) AS fields, (SELECT count(*)::int FROM flow) AS flows`,
    );

    const ctx = systemCtx("bench");
    const domain = (await database.prisma.domain.findFirst({ orderBy: { name: "asc" } }))!.id;
    const firstPage = await searchInterfaces(ctx, { sort: "name" });
    const scenarios: Record<string, SearchInterfacesInput> = {
      "browse, sorted by name": { sort: "name" },
      "one word": { q: "payment" },
      "partial word": { q: "paym" },
      "two words": { q: "customer invoice" },
      "field name": { q: "iban" },
      "operation path": { q: "/refunds" },
      "word + protocol facet": { q: "order", protocol: "KAFKA" },
      "three facets": { kind: "API", lifecycle: "ACTIVE", classification: "RESTRICTED" },
      "domain facet, by consumers": { domain, sort: "consumers" },
      "next page (cursor)": { sort: "name", cursor: firstPage.nextCursor ?? encodeCursor({ sort: "name", key: "", id: firstPage.items[0].id }) },
      "sorted by updated, 100 rows": { sort: "updated", limit: 100 },
    };
    const results: Record<string, { p50: number; p95: number; total: number }> = {};
    for (const [label, input] of Object.entries(scenarios).filter(([l]) => !ONLY || l.includes(ONLY))) {
      for (let i = 0; i < 5; i++) await searchInterfaces(ctx, input); // warm caches and plans
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < ITERATIONS; i++) {
        const t = performance.now();
        total = (await searchInterfaces(ctx, input)).total;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      results[label] = { p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1), total };
    }
    const worstP95 = Math.max(...Object.values(results).map((r) => r.p95));
    console.log(JSON.stringify({ database: "postgresql", seedMs, counts, iterations: ITERATIONS, unit: "ms", worstP95, targetP95: 50, scenarios: results }, null, 2));
  } finally {
    setProcessDatabase(undefined);
    await database.prisma.$disconnect();
    await database.driver.close();
    if (process.env.KEEP_DATABASE) console.error(`kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

await main();
