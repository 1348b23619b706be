-- Teams imported from Backstage Groups keep their parent group (spec.parent).
ALTER TABLE "team" ADD COLUMN "parent_team_id" UUID;
ALTER TABLE "team" ADD CONSTRAINT "team_parent_team_id_fkey" FOREIGN KEY ("parent_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
