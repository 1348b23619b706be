-- DORA register: business dates of entities, B_99.01 definitions, branches (B_01.03), intra-group arrangements
-- (B_02.03, B_03.03), branch users (B_04.01), and provider code types as EBA eba_qCO codes.

ALTER TABLE "legal_entity" ADD COLUMN "last_updated_on" DATE;
ALTER TABLE "legal_entity" ADD COLUMN "integrated_on" DATE;
ALTER TABLE "legal_entity" ADD COLUMN "deleted_on" DATE;
ALTER TABLE "legal_entity" ADD COLUMN "register_definitions" JSONB NOT NULL DEFAULT '{}';

CREATE TABLE "branch" (
    "id" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "entity_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "branch_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "branch_identifier_key" ON "branch"("identifier");
CREATE INDEX "branch_entity_id_idx" ON "branch"("entity_id");
ALTER TABLE "branch" ADD CONSTRAINT "branch_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "legal_entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "contractual_arrangement" ADD COLUMN "branch_id" UUID;
ALTER TABLE "contractual_arrangement" ADD COLUMN "provider_entity_id" UUID;
ALTER TABLE "contractual_arrangement" ADD COLUMN "linked_reference" TEXT;
CREATE INDEX "contractual_arrangement_branch_id_idx" ON "contractual_arrangement"("branch_id");
CREATE INDEX "contractual_arrangement_provider_entity_id_idx" ON "contractual_arrangement"("provider_entity_id");
ALTER TABLE "contractual_arrangement" ADD CONSTRAINT "contractual_arrangement_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "contractual_arrangement" ADD CONSTRAINT "contractual_arrangement_provider_entity_id_fkey" FOREIGN KEY ("provider_entity_id") REFERENCES "legal_entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "ict_provider" ADD COLUMN "additional_code_type" TEXT;
UPDATE "ict_provider" SET "code_type" = CASE "code_type" WHEN 'LEI' THEN 'eba_qCO:qx2000' WHEN 'EUID' THEN 'eba_qCO:qx2001' ELSE "code_type" END;
UPDATE "ict_provider" SET "ultimate_parent_code_type" = CASE "ultimate_parent_code_type" WHEN 'LEI' THEN 'eba_qCO:qx2000' WHEN 'EUID' THEN 'eba_qCO:qx2001' ELSE "ultimate_parent_code_type" END;
ALTER TABLE "ict_provider" ALTER COLUMN "code_type" SET DEFAULT 'eba_qCO:qx2000';
