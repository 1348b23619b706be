-- Lineage walks flows from an interface to its consumers and from a consumer to the interfaces it reads. Carrying the
-- other end and the flow id in the index lets both directions run as index-only scans (bench/lineage-query.ts).
-- The new consumer-first index starts with consumer_system_id, so it replaces the single-column one.
DROP INDEX "flow_consumer_system_id_idx";

-- CreateIndex
CREATE INDEX "flow_consumer_system_id_interface_id_id_idx" ON "flow"("consumer_system_id", "interface_id", "id");

-- CreateIndex
CREATE INDEX "flow_interface_id_consumer_system_id_id_idx" ON "flow"("interface_id", "consumer_system_id", "id");
