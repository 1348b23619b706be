-- Field-level lineage (prisma/schema/lineage.prisma): which field of a flow's interface feeds which field of an
-- interface the consumer provides. Walked by lib/lineage/fields.ts from (interface, path) via flow_id.

-- CreateEnum
CREATE TYPE "FieldMappingOrigin" AS ENUM ('DECLARED', 'DERIVED');

-- CreateTable
CREATE TABLE "flow_field_mapping" (
    "id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "source_path" TEXT NOT NULL,
    "target_interface_id" UUID NOT NULL,
    "target_path" TEXT NOT NULL,
    "origin" "FieldMappingOrigin" NOT NULL DEFAULT 'DECLARED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flow_field_mapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "flow_field_mapping_flow_source_target_key" ON "flow_field_mapping"("flow_id", "source_path", "target_interface_id", "target_path");

-- CreateIndex
CREATE INDEX "flow_field_mapping_target_interface_id_target_path_idx" ON "flow_field_mapping"("target_interface_id", "target_path");

-- AddForeignKey
ALTER TABLE "flow_field_mapping" ADD CONSTRAINT "flow_field_mapping_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_field_mapping" ADD CONSTRAINT "flow_field_mapping_target_interface_id_fkey" FOREIGN KEY ("target_interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
