-- Governance rulesets (per-domain rule settings), lint results per interface version, and scorecard snapshots.

CREATE TYPE "RuleSeverity" AS ENUM ('ERROR', 'WARN', 'INFO', 'HINT');
CREATE TYPE "ScoreSubject" AS ENUM ('INTERFACE', 'SYSTEM', 'TEAM', 'DOMAIN');

CREATE TABLE "governance_rule_setting" (
    "id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "severity" "RuleSeverity",
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "governance_rule_setting_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "governance_rule_setting_domain_id_rule_key" ON "governance_rule_setting"("domain_id", "rule");
ALTER TABLE "governance_rule_setting" ADD CONSTRAINT "governance_rule_setting_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "governance_run" (
    "id" UUID NOT NULL,
    "interface_version_id" UUID NOT NULL,
    "interface_id" UUID NOT NULL,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "warnings" INTEGER NOT NULL DEFAULT 0,
    "infos" INTEGER NOT NULL DEFAULT 0,
    "ran_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "governance_run_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "governance_run_interface_version_id_key" ON "governance_run"("interface_version_id");
CREATE INDEX "governance_run_interface_id_ran_at_idx" ON "governance_run"("interface_id", "ran_at");
ALTER TABLE "governance_run" ADD CONSTRAINT "governance_run_interface_version_id_fkey" FOREIGN KEY ("interface_version_id") REFERENCES "interface_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "governance_finding" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" "RuleSeverity" NOT NULL,
    "message" TEXT NOT NULL,
    "pointer" TEXT NOT NULL,
    "line" INTEGER,
    CONSTRAINT "governance_finding_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "governance_finding_run_id_idx" ON "governance_finding"("run_id");
ALTER TABLE "governance_finding" ADD CONSTRAINT "governance_finding_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "governance_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "score_snapshot" (
    "id" UUID NOT NULL,
    "subject_type" "ScoreSubject" NOT NULL,
    "subject_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "domain_id" UUID,
    "score" INTEGER NOT NULL,
    "parts" JSONB NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "score_snapshot_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "score_snapshot_subject_type_subject_id_taken_at_idx" ON "score_snapshot"("subject_type", "subject_id", "taken_at");
CREATE INDEX "score_snapshot_taken_at_idx" ON "score_snapshot"("taken_at");
