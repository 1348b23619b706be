-- The search palette (GET /api/v1/search) at estate scale: every kind is found through an index instead of
-- comparing the text with every name (500,000 flows, millions of fields).

-- Flow names, by trigram (partial words and typos), as interface and system names already are.
CREATE INDEX "flow_name_trgm_idx" ON "flow" USING GIN (lower("name") gin_trgm_ops);

-- The distinct field names, added by a trigger: a field search matches a few thousand names, then reads the fields
-- of the best ones through interface_field's index on name. Names are only added: one left behind by a deleted
-- field finds no fields and costs nothing.
CREATE TABLE "field_name" (
  "name" TEXT NOT NULL,
  CONSTRAINT "field_name_pkey" PRIMARY KEY ("name")
);
CREATE FUNCTION "field_names_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "field_name" ("name")
  SELECT DISTINCT "name" FROM new_rows ORDER BY "name"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "interface_field_names_insert" AFTER INSERT ON "interface_field"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "field_names_added"();
-- Also when an import skips the per-row key checks with session_replication_role = replica (embedded COPY).
ALTER TABLE "interface_field" ENABLE ALWAYS TRIGGER "interface_field_names_insert";
INSERT INTO "field_name" ("name") SELECT DISTINCT "name" FROM "interface_field";
CREATE INDEX "field_name_trgm_idx" ON "field_name" USING GIN (lower("name") gin_trgm_ops);
