-- Compliance: classification suggestions, residency and encryption facts, policy settings and violations.

CREATE TYPE "SuggestionStatus" AS ENUM ('SUGGESTED', 'CONFIRMED', 'REJECTED');
CREATE TYPE "PolicySeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

ALTER TABLE "system" ADD COLUMN "pci_scope" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "interface" ADD COLUMN "encrypted_in_transit" BOOLEAN;
ALTER TABLE "interface" ADD COLUMN "encrypted_at_rest" BOOLEAN;
ALTER TABLE "flow" ADD COLUMN "classification" "Classification";
ALTER TABLE "flow" ADD COLUMN "pci_elements" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "flow" ADD COLUMN "art9_condition" TEXT;

CREATE TABLE "field_classification" (
    "field_id" UUID NOT NULL,
    "interface_id" UUID NOT NULL,
    "status" "SuggestionStatus" NOT NULL DEFAULT 'SUGGESTED',
    "level" "Classification" NOT NULL,
    "personal_category" TEXT,
    "special_category" TEXT,
    "criminal" BOOLEAN NOT NULL DEFAULT false,
    "pci_element" TEXT,
    "rule" TEXT NOT NULL,
    "matched_words" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "confidence" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "field_classification_pkey" PRIMARY KEY ("field_id")
);
CREATE INDEX "field_classification_interface_id_status_idx" ON "field_classification"("interface_id", "status");
CREATE INDEX "field_classification_status_rule_idx" ON "field_classification"("status", "rule");

CREATE TABLE "compliance_policy" (
    "key" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "severity" "PolicySeverity" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "exempt_system_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "compliance_policy_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "policy_violation" (
    "id" UUID NOT NULL,
    "policy" TEXT NOT NULL,
    "severity" "PolicySeverity" NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "flow_id" UUID,
    "interface_id" UUID,
    "system_id" UUID,
    "owner_team_id" UUID,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "policy_violation_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "policy_violation_fingerprint_key" ON "policy_violation"("fingerprint");
CREATE INDEX "policy_violation_flow_id_idx" ON "policy_violation"("flow_id");
CREATE INDEX "policy_violation_interface_id_idx" ON "policy_violation"("interface_id");
CREATE INDEX "policy_violation_system_id_idx" ON "policy_violation"("system_id");
CREATE INDEX "policy_violation_policy_idx" ON "policy_violation"("policy");

ALTER TABLE "field_classification" ADD CONSTRAINT "field_classification_field_id_fkey" FOREIGN KEY ("field_id") REFERENCES "interface_field"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "field_classification" ADD CONSTRAINT "field_classification_interface_id_fkey" FOREIGN KEY ("interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "policy_violation" ADD CONSTRAINT "policy_violation_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "policy_violation" ADD CONSTRAINT "policy_violation_interface_id_fkey" FOREIGN KEY ("interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "policy_violation" ADD CONSTRAINT "policy_violation_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "system"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "policy_violation" ADD CONSTRAINT "policy_violation_owner_team_id_fkey" FOREIGN KEY ("owner_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
