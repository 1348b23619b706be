// A synthetic catalog for the search bench, set-based (one INSERT ... SELECT per table) so 50,000 interfaces and
// their versions, elements, fields, flows and contracts load in about a minute. Everything is named "Bench" or
// "Synthetic": it is bench data, never shown as real. Names and search text draw on 50 business words, so word,
// partial-word and field searches match hundreds to all of the interfaces, as in a real estate.
export const SYNTHETIC_CATALOG_SQL = (n: number) => `
INSERT INTO team (id, slug, name, updated_at)
  SELECT gen_random_uuid(), 'bench-team-' || g, 'Bench team ' || g, now() FROM generate_series(1, 12) g;
INSERT INTO domain (id, slug, name, updated_at)
  SELECT gen_random_uuid(), 'bench-domain-' || g, 'Bench domain ' || g, now() FROM generate_series(1, 12) g;
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
