-- Impact answers list the approved and active contracts on affected interfaces from the in-memory lineage
-- adjacency, so a contract write that changes what impact shows (a new contract, its status, version, interface or
-- owner) moves lineage_version like any other lineage write. Contract writes are rare next to telemetry and imports.
CREATE TRIGGER "data_contract_lineage_changed" AFTER INSERT OR DELETE OR UPDATE OF "status", "version", "interface_id", "owner_team_id" ON "data_contract"
  FOR EACH STATEMENT EXECUTE FUNCTION "lineage_changed"();
