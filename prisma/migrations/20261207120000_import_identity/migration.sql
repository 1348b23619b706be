-- Teams imported from Backstage Groups keep their parent group (spec.parent).
ALTER TABLE "team" ADD COLUMN "parent_team_id" UUID;
ALTER TABLE "team" ADD CONSTRAINT "team_parent_team_id_fkey" FOREIGN KEY ("parent_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A revert (an earlier spec imported again) is a new version with the same hash.
DROP INDEX "interface_version_interface_id_spec_hash_key";
CREATE INDEX "interface_version_interface_id_spec_hash_idx" ON "interface_version"("interface_id", "spec_hash");
