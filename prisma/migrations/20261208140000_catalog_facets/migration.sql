-- Catalog search at estate scale: each interface carries its resolved facet values, kept current by triggers, and
-- interface_facet_count holds how many interfaces share each combination of facet values (a maintained cube), so
-- facet counts and totals for a browse or a filter are a sum over a few hundred cube rows instead of a scan of
-- every interface. Lineage changes bump lineage_version, which tells every server instance when its in-memory
-- lineage adjacency (lib/lineage/adjacency.ts) is stale.

-- The domain and owner team an interface belongs to (its own, else its system's), its most sensitive
-- classification (of its contracts and fields) and how many flows consume it.
ALTER TABLE "interface" ADD COLUMN "resolved_domain_id" UUID;
ALTER TABLE "interface" ADD COLUMN "resolved_owner_team_id" UUID;
ALTER TABLE "interface" ADD COLUMN "effective_classification" "Classification";
ALTER TABLE "interface" ADD COLUMN "consumer_count" INTEGER NOT NULL DEFAULT 0;

UPDATE "interface" i SET
  "resolved_domain_id" = coalesce(i."domain_id", s."domain_id"),
  "resolved_owner_team_id" = coalesce(i."owner_team_id", s."owner_team_id"),
  "effective_classification" = greatest(
    (SELECT max(c."classification") FROM "data_contract" c WHERE c."interface_id" = i."id"),
    (SELECT max(f."classification") FROM "interface_field" f WHERE f."interface_id" = i."id" AND f."classification" IS NOT NULL)),
  "consumer_count" = (SELECT count(*) FROM "flow" fl WHERE fl."interface_id" = i."id")
FROM "system" s WHERE s."id" = i."system_id";

-- Facet filters and keyset pages (row comparisons on (key, id) walk these in either direction).
CREATE INDEX "interface_resolved_domain_id_idx" ON "interface"("resolved_domain_id");
CREATE INDEX "interface_resolved_owner_team_id_idx" ON "interface"("resolved_owner_team_id");
-- Each facet on its own, so a narrow filter collects its rows through bitmap index scans.
CREATE INDEX "interface_kind_idx" ON "interface"("kind");
CREATE INDEX "interface_protocol_idx" ON "interface"("protocol");
CREATE INDEX "interface_style_idx" ON "interface"("style");
CREATE INDEX "interface_lifecycle_idx" ON "interface"("lifecycle");
CREATE INDEX "interface_effective_classification_idx" ON "interface"("effective_classification");
CREATE INDEX "interface_consumer_count_id_idx" ON "interface"("consumer_count", "id");
DROP INDEX "interface_updated_at_idx";
CREATE INDEX "interface_updated_at_id_idx" ON "interface"("updated_at", "id");
-- Database-only (lib/db/schema-drift.ts): the name sort, bytewise on the lowercased name.
CREATE INDEX "interface_name_sort_idx" ON "interface"((lower("name") COLLATE "C"), "id");

CREATE TABLE "interface_facet_count" (
  "key" TEXT NOT NULL,
  "domain_id" UUID,
  "owner_team_id" UUID,
  "kind" "InterfaceKind" NOT NULL,
  "protocol" "Protocol" NOT NULL,
  "style" "IntegrationStyle" NOT NULL,
  "lifecycle" "Lifecycle" NOT NULL,
  "classification" "Classification",
  "count" INTEGER NOT NULL,
  CONSTRAINT "interface_facet_count_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "lineage_version" (
  "id" INTEGER NOT NULL,
  "version" BIGINT NOT NULL,
  CONSTRAINT "lineage_version_pkey" PRIMARY KEY ("id")
);
INSERT INTO "lineage_version" ("id", "version") VALUES (1, 1);

-- The resolved domain and owner follow the interface's own columns and its system's.
CREATE FUNCTION "interface_resolve_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT coalesce(NEW."domain_id", s."domain_id"), coalesce(NEW."owner_team_id", s."owner_team_id")
    INTO NEW."resolved_domain_id", NEW."resolved_owner_team_id"
    FROM "system" s WHERE s."id" = NEW."system_id";
  RETURN NEW;
END $$;
CREATE TRIGGER "interface_resolve_owner" BEFORE INSERT OR UPDATE OF "system_id", "domain_id", "owner_team_id" ON "interface"
  FOR EACH ROW EXECUTE FUNCTION "interface_resolve_owner"();

CREATE FUNCTION "system_resolve_interfaces"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "interface" i SET
    "resolved_domain_id" = coalesce(i."domain_id", NEW."domain_id"),
    "resolved_owner_team_id" = coalesce(i."owner_team_id", NEW."owner_team_id")
  WHERE i."system_id" = NEW."id"
    AND ("resolved_domain_id" IS DISTINCT FROM coalesce(i."domain_id", NEW."domain_id")
      OR "resolved_owner_team_id" IS DISTINCT FROM coalesce(i."owner_team_id", NEW."owner_team_id"));
  RETURN NULL;
END $$;
CREATE TRIGGER "system_resolve_interfaces" AFTER UPDATE OF "domain_id", "owner_team_id" ON "system"
  FOR EACH ROW EXECUTE FUNCTION "system_resolve_interfaces"();

-- The most sensitive classification, recomputed for the interfaces a statement on contracts or fields touched.
CREATE FUNCTION "interface_refresh_classification"(ids UUID[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "interface" i SET "effective_classification" = x.c
  FROM (SELECT u.iid, greatest(
          (SELECT max(c."classification") FROM "data_contract" c WHERE c."interface_id" = u.iid),
          (SELECT max(f."classification") FROM "interface_field" f WHERE f."interface_id" = u.iid AND f."classification" IS NOT NULL)) AS c
        FROM unnest(ids) AS u(iid)) x
  WHERE i."id" = x.iid AND i."effective_classification" IS DISTINCT FROM x.c;
$$;
CREATE FUNCTION "classification_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "interface_refresh_classification"(array(SELECT DISTINCT "interface_id" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "interface_refresh_classification"(array(SELECT DISTINCT "interface_id" FROM old_rows));
  ELSE
    PERFORM "interface_refresh_classification"(array(
      SELECT "interface_id" FROM new_rows UNION SELECT "interface_id" FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "data_contract_classification_insert" AFTER INSERT ON "data_contract"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "classification_changed"();
CREATE TRIGGER "data_contract_classification_update" AFTER UPDATE ON "data_contract"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "classification_changed"();
CREATE TRIGGER "data_contract_classification_delete" AFTER DELETE ON "data_contract"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "classification_changed"();
-- Field rows arrive by the thousand in an import: only statements that carry a classification cost a refresh.
CREATE FUNCTION "field_classification_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "interface_refresh_classification"(array(SELECT DISTINCT "interface_id" FROM new_rows WHERE "classification" IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "interface_refresh_classification"(array(SELECT DISTINCT "interface_id" FROM old_rows WHERE "classification" IS NOT NULL));
  ELSE
    PERFORM "interface_refresh_classification"(array(
      SELECT n."interface_id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
      WHERE n."classification" IS DISTINCT FROM o."classification" OR n."interface_id" <> o."interface_id"
      UNION SELECT o."interface_id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE n."interface_id" <> o."interface_id"));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "interface_field_classification_insert" AFTER INSERT ON "interface_field"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "field_classification_changed"();
CREATE TRIGGER "interface_field_classification_update" AFTER UPDATE ON "interface_field"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "field_classification_changed"();
CREATE TRIGGER "interface_field_classification_delete" AFTER DELETE ON "interface_field"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "field_classification_changed"();

-- Consumer counts move by deltas, which commute, so concurrent flow writes never lose a count.
CREATE FUNCTION "flow_consumers_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "interface" i SET "consumer_count" = i."consumer_count" + d.n
  FROM (SELECT "interface_id", count(*)::int AS n FROM new_rows GROUP BY "interface_id") d WHERE i."id" = d."interface_id";
  RETURN NULL;
END $$;
CREATE FUNCTION "flow_consumers_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "interface" i SET "consumer_count" = i."consumer_count" - d.n
  FROM (SELECT "interface_id", count(*)::int AS n FROM old_rows GROUP BY "interface_id") d WHERE i."id" = d."interface_id";
  RETURN NULL;
END $$;
CREATE FUNCTION "flow_consumers_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "interface" i SET "consumer_count" = i."consumer_count" + d.n
  FROM (SELECT "interface_id", sum(n)::int AS n FROM (
          SELECT "interface_id", 1 AS n FROM new_rows UNION ALL SELECT "interface_id", -1 FROM old_rows) x
        GROUP BY "interface_id" HAVING sum(n) <> 0) d
  WHERE i."id" = d."interface_id";
  RETURN NULL;
END $$;
CREATE TRIGGER "flow_consumers_insert" AFTER INSERT ON "flow"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "flow_consumers_inserted"();
CREATE TRIGGER "flow_consumers_update" AFTER UPDATE ON "flow"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "flow_consumers_updated"();
CREATE TRIGGER "flow_consumers_delete" AFTER DELETE ON "flow"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "flow_consumers_deleted"();

-- The cube: +1 for each row a statement wrote, -1 for each it replaced or removed, per facet combination.
CREATE FUNCTION "interface_facet_key"(d UUID, t UUID, k "InterfaceKind", p "Protocol", s "IntegrationStyle", l "Lifecycle", c "Classification")
  RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', coalesce(d::text, '-'), coalesce(t::text, '-'), k::text, p::text, s::text, l::text, coalesce(c::text, '-'))
$$;
CREATE FUNCTION "interface_facet_apply"(delta JSONB) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "interface_facet_count" AS f ("key", "domain_id", "owner_team_id", "kind", "protocol", "style", "lifecycle", "classification", "count")
  SELECT "interface_facet_key"(x.d, x.t, x.k, x.p, x.s, x.l, x.c), x.d, x.t, x.k, x.p, x.s, x.l, x.c, sum(x.n)::int
  FROM jsonb_to_recordset(delta) AS x(d UUID, t UUID, k "InterfaceKind", p "Protocol", s "IntegrationStyle", l "Lifecycle", c "Classification", n INT)
  GROUP BY x.d, x.t, x.k, x.p, x.s, x.l, x.c HAVING sum(x.n) <> 0
  ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "count" = f."count" + excluded."count";
$$;
CREATE FUNCTION "interface_facets_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta JSONB;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('d', "resolved_domain_id", 't', "resolved_owner_team_id", 'k', "kind", 'p', "protocol",
             's', "style", 'l', "lifecycle", 'c', "effective_classification", 'n', 1)) INTO delta FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('d', "resolved_domain_id", 't', "resolved_owner_team_id", 'k', "kind", 'p', "protocol",
             's', "style", 'l', "lifecycle", 'c', "effective_classification", 'n', -1)) INTO delta FROM old_rows;
  ELSE
    SELECT jsonb_agg(x) INTO delta FROM (
      SELECT jsonb_build_object('d', n."resolved_domain_id", 't', n."resolved_owner_team_id", 'k', n."kind", 'p', n."protocol",
               's', n."style", 'l', n."lifecycle", 'c', n."effective_classification", 'n', 1) AS x
      FROM new_rows n JOIN old_rows o ON o."id" = n."id"
      WHERE (n."resolved_domain_id", n."resolved_owner_team_id", n."kind", n."protocol", n."style", n."lifecycle", n."effective_classification")
        IS DISTINCT FROM (o."resolved_domain_id", o."resolved_owner_team_id", o."kind", o."protocol", o."style", o."lifecycle", o."effective_classification")
      UNION ALL
      SELECT jsonb_build_object('d', o."resolved_domain_id", 't', o."resolved_owner_team_id", 'k', o."kind", 'p', o."protocol",
               's', o."style", 'l', o."lifecycle", 'c', o."effective_classification", 'n', -1)
      FROM new_rows n JOIN old_rows o ON o."id" = n."id"
      WHERE (n."resolved_domain_id", n."resolved_owner_team_id", n."kind", n."protocol", n."style", n."lifecycle", n."effective_classification")
        IS DISTINCT FROM (o."resolved_domain_id", o."resolved_owner_team_id", o."kind", o."protocol", o."style", o."lifecycle", o."effective_classification")) y;
  END IF;
  IF delta IS NOT NULL THEN
    PERFORM "interface_facet_apply"(delta);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "interface_facets_insert" AFTER INSERT ON "interface"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "interface_facets_changed"();
CREATE TRIGGER "interface_facets_update" AFTER UPDATE ON "interface"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "interface_facets_changed"();
CREATE TRIGGER "interface_facets_delete" AFTER DELETE ON "interface"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "interface_facets_changed"();

INSERT INTO "interface_facet_count" ("key", "domain_id", "owner_team_id", "kind", "protocol", "style", "lifecycle", "classification", "count")
SELECT "interface_facet_key"("resolved_domain_id", "resolved_owner_team_id", "kind", "protocol", "style", "lifecycle", "effective_classification"),
       "resolved_domain_id", "resolved_owner_team_id", "kind", "protocol", "style", "lifecycle", "effective_classification", count(*)::int
FROM "interface"
GROUP BY "resolved_domain_id", "resolved_owner_team_id", "kind", "protocol", "style", "lifecycle", "effective_classification";

-- Any write that changes what lineage shows (flows, the interfaces and systems they join, the names it prints).
CREATE FUNCTION "lineage_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "lineage_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER "flow_lineage_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "flow"
  FOR EACH STATEMENT EXECUTE FUNCTION "lineage_changed"();
CREATE TRIGGER "interface_lineage_changed" AFTER INSERT OR DELETE OR UPDATE OF "name", "system_id", "lifecycle", "kind", "protocol", "style" ON "interface"
  FOR EACH STATEMENT EXECUTE FUNCTION "lineage_changed"();
CREATE TRIGGER "system_lineage_changed" AFTER INSERT OR DELETE OR UPDATE OF "name", "kind", "domain_id", "owner_team_id" ON "system"
  FOR EACH STATEMENT EXECUTE FUNCTION "lineage_changed"();
CREATE TRIGGER "domain_lineage_changed" AFTER UPDATE OF "name" ON "domain"
  FOR EACH STATEMENT EXECUTE FUNCTION "lineage_changed"();
CREATE TRIGGER "team_lineage_changed" AFTER UPDATE OF "name" ON "team"
  FOR EACH STATEMENT EXECUTE FUNCTION "lineage_changed"();

-- Typo tolerance: the distinct words of every interface's search text (3 to 40 characters, with a letter), so a
-- misspelt word is corrected against a few thousand words with a trigram index instead of 50,000 names. Words are
-- only added: one left behind by a deleted interface matches nothing and costs nothing.
CREATE TABLE "search_term" (
  "term" TEXT NOT NULL,
  CONSTRAINT "search_term_pkey" PRIMARY KEY ("term")
);
CREATE FUNCTION "search_terms_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_term" ("term")
  SELECT DISTINCT t FROM new_rows, unnest(tsvector_to_array("search_vector")) AS t
  WHERE length(t) BETWEEN 3 AND 40 AND t ~ '[[:alpha:]]'
  ORDER BY t
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "interface_search_terms_insert" AFTER INSERT ON "interface"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "search_terms_added"();
-- Most interface updates (consumer counts, owners) leave the search text alone: only changed texts are read.
CREATE FUNCTION "search_terms_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_term" ("term")
  SELECT DISTINCT t FROM new_rows n JOIN old_rows o ON o."id" = n."id", unnest(tsvector_to_array(n."search_vector")) AS t
  WHERE n."search_text" IS DISTINCT FROM o."search_text" AND length(t) BETWEEN 3 AND 40 AND t ~ '[[:alpha:]]'
  ORDER BY t
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "interface_search_terms_update" AFTER UPDATE ON "interface"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "search_terms_changed"();
INSERT INTO "search_term" ("term")
SELECT DISTINCT t FROM "interface", unnest(tsvector_to_array("search_vector")) AS t
WHERE length(t) BETWEEN 3 AND 40 AND t ~ '[[:alpha:]]';
-- Written a few words at a time: straight into the index, no pending list for the planner to shy away from.
CREATE INDEX "search_term_trgm_idx" ON "search_term" USING GIN ("term" gin_trgm_ops) WITH (fastupdate = off);
