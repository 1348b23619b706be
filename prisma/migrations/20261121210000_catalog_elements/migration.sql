-- Catalog: what each imported spec version contains, and the identity and search text of interfaces.

CREATE TYPE "ElementKind" AS ENUM ('OPERATION', 'CHANNEL', 'MESSAGE', 'SCHEMA');

ALTER TABLE "interface" ADD COLUMN "source_key" TEXT;
ALTER TABLE "interface" ADD COLUMN "source_path" TEXT;
ALTER TABLE "interface" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX "interface_source_key_key" ON "interface"("source_key");

CREATE TABLE "interface_element" (
    "id" UUID NOT NULL,
    "interface_version_id" UUID NOT NULL,
    "interface_id" UUID NOT NULL,
    "kind" "ElementKind" NOT NULL,
    "name" TEXT NOT NULL,
    "method" TEXT,
    "path" TEXT,
    "action" TEXT,
    "summary" TEXT,
    "description" TEXT,
    "deprecated" BOOLEAN NOT NULL DEFAULT false,
    "details" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "interface_element_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "interface_element_interface_version_id_idx" ON "interface_element"("interface_version_id");
CREATE INDEX "interface_element_interface_id_kind_idx" ON "interface_element"("interface_id", "kind");

CREATE TABLE "interface_field" (
    "id" UUID NOT NULL,
    "interface_version_id" UUID NOT NULL,
    "interface_id" UUID NOT NULL,
    "element_id" UUID,
    "path" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT,
    "format" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "example" TEXT,
    "classification" "Classification",
    CONSTRAINT "interface_field_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "interface_field_interface_version_id_idx" ON "interface_field"("interface_version_id");
CREATE INDEX "interface_field_interface_id_idx" ON "interface_field"("interface_id");
CREATE INDEX "interface_field_element_id_idx" ON "interface_field"("element_id");
CREATE INDEX "interface_field_name_idx" ON "interface_field"("name");

ALTER TABLE "interface_element" ADD CONSTRAINT "interface_element_interface_version_id_fkey" FOREIGN KEY ("interface_version_id") REFERENCES "interface_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interface_element" ADD CONSTRAINT "interface_element_interface_id_fkey" FOREIGN KEY ("interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interface_field" ADD CONSTRAINT "interface_field_interface_version_id_fkey" FOREIGN KEY ("interface_version_id") REFERENCES "interface_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interface_field" ADD CONSTRAINT "interface_field_interface_id_fkey" FOREIGN KEY ("interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interface_field" ADD CONSTRAINT "interface_field_element_id_fkey" FOREIGN KEY ("element_id") REFERENCES "interface_element"("id") ON DELETE CASCADE ON UPDATE CASCADE;
