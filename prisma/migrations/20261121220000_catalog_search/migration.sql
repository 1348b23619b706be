-- Catalog search: full-text and trigram indexes, and btree indexes for facets and sorts.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- An interface may belong to another domain than its system (metadata an owner can edit); NULL means the system's.
ALTER TABLE "interface" ADD COLUMN "domain_id" UUID;
ALTER TABLE "interface" ADD CONSTRAINT "interface_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "interface_domain_id_idx" ON "interface"("domain_id");

-- Database-only objects: Prisma cannot declare them, so lib/db/schema-drift.ts allowlists each by name.
-- The full-text vector of search_text, stored: with an index on the bare expression, a query matching most rows
-- makes PostgreSQL recompute to_tsvector for every row (100 ms at 10,000 interfaces), and ranking does it again.
ALTER TABLE "interface" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "interface_search_vector_idx" ON "interface" USING GIN ("search_vector");
-- Partial-word and typo-tolerant name matching.
CREATE INDEX "interface_name_trgm_idx" ON "interface" USING GIN (lower("name") gin_trgm_ops);
CREATE INDEX "system_name_trgm_idx" ON "system" USING GIN (lower("name") gin_trgm_ops);
-- The highest classification per interface reads only the (few) classified fields.
CREATE INDEX "interface_field_classified_idx" ON "interface_field"("interface_id", "classification") WHERE "classification" IS NOT NULL;

-- Declared in schema.prisma: the "updated" sort.
CREATE INDEX "interface_updated_at_idx" ON "interface"("updated_at");

-- Until the importers fill search_text, an interface is at least findable by its name, description and tags.
-- The trigger covers rows written later with no search text (the demo seed runs after migrations).
CREATE FUNCTION "interface_default_search_text"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."search_text" = '' THEN
    NEW."search_text" := concat_ws(' ', NEW."name", NEW."description", array_to_string(NEW."tags", ' '));
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "interface_default_search_text" BEFORE INSERT OR UPDATE ON "interface"
  FOR EACH ROW EXECUTE FUNCTION "interface_default_search_text"();

UPDATE "interface" SET "search_text" = concat_ws(' ', "name", "description", array_to_string("tags", ' ')) WHERE "search_text" = '';
