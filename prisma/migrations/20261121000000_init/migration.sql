-- Interchange core model: identity, catalog, lineage, contracts and the audit trail.

CREATE TYPE "Role" AS ENUM ('ADMIN', 'ARCHITECT', 'COMPLIANCE', 'MEMBER');
CREATE TYPE "TeamRole" AS ENUM ('LEAD', 'MEMBER');
CREATE TYPE "SystemKind" AS ENUM ('INTERNAL', 'THIRD_PARTY', 'SAAS', 'LEGACY');
CREATE TYPE "InterfaceKind" AS ENUM ('API', 'EVENT', 'FILE', 'DATABASE');
CREATE TYPE "Protocol" AS ENUM ('HTTP', 'GRPC', 'SOAP', 'GRAPHQL', 'KAFKA', 'AMQP', 'NATS', 'MQTT', 'SFTP', 'JDBC', 'OTHER');
CREATE TYPE "IntegrationStyle" AS ENUM ('REQUEST_RESPONSE', 'EVENT', 'BATCH');
CREATE TYPE "SpecFormat" AS ENUM ('OPENAPI', 'ASYNCAPI', 'WSDL', 'GRAPHQL', 'PROTOBUF', 'AVRO', 'JSON_SCHEMA', 'ODCS', 'CSV', 'NONE');
CREATE TYPE "Lifecycle" AS ENUM ('ACTIVE', 'DEPRECATED', 'RETIRED');
CREATE TYPE "PatternTag" AS ENUM ('SAGA', 'CQRS', 'OUTBOX', 'STRANGLER_FIG', 'ANTI_CORRUPTION_LAYER', 'POINT_TO_POINT', 'BATCH_ETL');
CREATE TYPE "FlowOrigin" AS ENUM ('DECLARED', 'DISCOVERED', 'BOTH');
CREATE TYPE "TransferTool" AS ENUM ('ADEQUACY', 'SCC', 'BCR', 'DEROGATION');
CREATE TYPE "Classification" AS ENUM ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED');
CREATE TYPE "CompatibilityMode" AS ENUM ('BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE');
CREATE TYPE "ContractStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'APPROVED', 'ACTIVE', 'DEPRECATED', 'RETIRED', 'REJECTED');
CREATE TYPE "SchemaFormat" AS ENUM ('JSON_SCHEMA', 'AVRO', 'PROTOBUF', 'OPENAPI', 'ASYNCAPI');

CREATE TABLE "user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "password_hash" TEXT,
    "oidc_subject" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");
CREATE UNIQUE INDEX "user_oidc_subject_key" ON "user"("oidc_subject");

CREATE TABLE "team" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "contact_email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "team_slug_key" ON "team"("slug");

CREATE TABLE "membership" (
    "user_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "role" "TeamRole" NOT NULL DEFAULT 'MEMBER',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "membership_pkey" PRIMARY KEY ("user_id", "team_id")
);
CREATE INDEX "membership_team_id_idx" ON "membership"("team_id");

CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

CREATE TABLE "domain" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "owner_team_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "domain_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "domain_slug_key" ON "domain"("slug");

CREATE TABLE "system" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" "SystemKind" NOT NULL DEFAULT 'INTERNAL',
    "vendor" TEXT,
    "domain_id" UUID,
    "owner_team_id" UUID,
    "hosting_countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "processing_countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "system_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "system_slug_key" ON "system"("slug");
CREATE INDEX "system_domain_id_idx" ON "system"("domain_id");
CREATE INDEX "system_owner_team_id_idx" ON "system"("owner_team_id");

CREATE TABLE "interface" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "system_id" UUID NOT NULL,
    "owner_team_id" UUID,
    "kind" "InterfaceKind" NOT NULL,
    "protocol" "Protocol" NOT NULL,
    "style" "IntegrationStyle" NOT NULL,
    "spec_format" "SpecFormat" NOT NULL DEFAULT 'NONE',
    "lifecycle" "Lifecycle" NOT NULL DEFAULT 'ACTIVE',
    "sunset_date" DATE,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "interface_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "interface_slug_key" ON "interface"("slug");
CREATE INDEX "interface_system_id_idx" ON "interface"("system_id");
CREATE INDEX "interface_owner_team_id_idx" ON "interface"("owner_team_id");

CREATE TABLE "interface_version" (
    "id" UUID NOT NULL,
    "interface_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "spec_format" "SpecFormat" NOT NULL,
    "spec" TEXT NOT NULL,
    "spec_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "interface_version_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "interface_version_interface_id_spec_hash_key" ON "interface_version"("interface_id", "spec_hash");
CREATE INDEX "interface_version_interface_id_created_at_idx" ON "interface_version"("interface_id", "created_at");

CREATE TABLE "flow" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "interface_id" UUID NOT NULL,
    "consumer_system_id" UUID NOT NULL,
    "style" "IntegrationStyle" NOT NULL,
    "patterns" "PatternTag"[] DEFAULT ARRAY[]::"PatternTag"[],
    "origin" "FlowOrigin" NOT NULL DEFAULT 'DECLARED',
    "purpose" TEXT,
    "lawful_basis" TEXT,
    "data_categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "data_subjects" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "special_categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source_country" CHAR(2),
    "destination_country" CHAR(2),
    "transfer_tool" "TransferTool",
    "transfer_document" TEXT,
    "encrypted_in_transit" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "flow_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "flow_interface_id_consumer_system_id_key" ON "flow"("interface_id", "consumer_system_id");
CREATE INDEX "flow_consumer_system_id_idx" ON "flow"("consumer_system_id");

CREATE TABLE "data_contract" (
    "id" UUID NOT NULL,
    "interface_id" UUID NOT NULL,
    "owner_team_id" UUID,
    "version" TEXT NOT NULL,
    "status" "ContractStatus" NOT NULL DEFAULT 'DRAFT',
    "compatibility_mode" "CompatibilityMode" NOT NULL DEFAULT 'BACKWARD',
    "schema_format" "SchemaFormat" NOT NULL,
    "schema" TEXT NOT NULL,
    "sla" JSONB NOT NULL DEFAULT '{}',
    "error_handling" JSONB NOT NULL DEFAULT '{}',
    "classification" "Classification" NOT NULL DEFAULT 'INTERNAL',
    "sunset_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "data_contract_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "data_contract_interface_id_version_key" ON "data_contract"("interface_id", "version");
CREATE INDEX "data_contract_status_idx" ON "data_contract"("status");

CREATE TABLE "audit_event" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "audit_event_hash_key" ON "audit_event"("hash");
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");
CREATE INDEX "audit_event_action_idx" ON "audit_event"("action");
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership" ADD CONSTRAINT "membership_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "domain" ADD CONSTRAINT "domain_owner_team_id_fkey" FOREIGN KEY ("owner_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "system" ADD CONSTRAINT "system_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "system" ADD CONSTRAINT "system_owner_team_id_fkey" FOREIGN KEY ("owner_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "interface" ADD CONSTRAINT "interface_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "system"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interface" ADD CONSTRAINT "interface_owner_team_id_fkey" FOREIGN KEY ("owner_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "interface_version" ADD CONSTRAINT "interface_version_interface_id_fkey" FOREIGN KEY ("interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "flow" ADD CONSTRAINT "flow_interface_id_fkey" FOREIGN KEY ("interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "flow" ADD CONSTRAINT "flow_consumer_system_id_fkey" FOREIGN KEY ("consumer_system_id") REFERENCES "system"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "data_contract" ADD CONSTRAINT "data_contract_interface_id_fkey" FOREIGN KEY ("interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "data_contract" ADD CONSTRAINT "data_contract_owner_team_id_fkey" FOREIGN KEY ("owner_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The audit trail is append-only: rows can be added, never changed or removed.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER "audit_event_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
