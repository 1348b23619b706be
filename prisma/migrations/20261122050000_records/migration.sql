-- Records behind the regulatory exports: the DORA Register of Information (legal entities, ICT providers,
-- contractual arrangements, ICT services, business functions) and GDPR Art. 30 processing activities.

CREATE TABLE "legal_entity" (
    "id" UUID NOT NULL,
    "lei" CHAR(20) NOT NULL,
    "name" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "entity_type" TEXT NOT NULL,
    "hierarchy" TEXT,
    "parent_lei" CHAR(20),
    "competent_authority" TEXT,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "total_assets" DECIMAL(20,2),
    "maintains_register" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "legal_entity_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "legal_entity_lei_key" ON "legal_entity"("lei");

CREATE TABLE "ict_provider" (
    "id" UUID NOT NULL,
    "code" TEXT,
    "code_type" TEXT NOT NULL DEFAULT 'LEI',
    "additional_code" TEXT,
    "name" TEXT NOT NULL,
    "name_latin" TEXT,
    "person_type" TEXT NOT NULL DEFAULT 'eba_CT:x212',
    "country" CHAR(2),
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "ultimate_parent_code" TEXT,
    "ultimate_parent_code_type" TEXT,
    "vendor" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "ict_provider_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ict_provider_code_key" ON "ict_provider"("code");
CREATE UNIQUE INDEX "ict_provider_vendor_key" ON "ict_provider"("vendor");

CREATE TABLE "contractual_arrangement" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "arrangement_type" TEXT NOT NULL DEFAULT 'eba_CO:x1',
    "overarching_reference" TEXT,
    "entity_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "annual_cost" DECIMAL(20,2),
    "start_date" DATE,
    "end_date" DATE,
    "termination_reason" TEXT,
    "notice_period_entity_days" INTEGER,
    "notice_period_provider_days" INTEGER,
    "governing_law_country" CHAR(2),
    "provision_country" CHAR(2),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "contractual_arrangement_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "contractual_arrangement_reference_key" ON "contractual_arrangement"("reference");
CREATE INDEX "contractual_arrangement_entity_id_idx" ON "contractual_arrangement"("entity_id");
CREATE INDEX "contractual_arrangement_provider_id_idx" ON "contractual_arrangement"("provider_id");

CREATE TABLE "ict_service" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "service_type" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "arrangement_id" UUID,
    "stores_data" BOOLEAN,
    "storage_countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "processing_countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sensitiveness" TEXT,
    "reliance" TEXT,
    "substitutability" TEXT,
    "substitutability_reason" TEXT,
    "last_audit_date" DATE,
    "exit_plan" BOOLEAN,
    "reintegration" TEXT,
    "discontinuing_impact" TEXT,
    "alternatives_identified" TEXT,
    "alternative_providers" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "ict_service_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ict_service_provider_id_idx" ON "ict_service"("provider_id");
CREATE INDEX "ict_service_arrangement_id_idx" ON "ict_service"("arrangement_id");

CREATE TABLE "ict_service_system" (
    "service_id" UUID NOT NULL,
    "system_id" UUID NOT NULL,
    CONSTRAINT "ict_service_system_pkey" PRIMARY KEY ("service_id", "system_id")
);
CREATE INDEX "ict_service_system_system_id_idx" ON "ict_service_system"("system_id");

CREATE TABLE "business_function" (
    "id" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "licensed_activity" TEXT,
    "entity_id" UUID,
    "criticality" TEXT,
    "criticality_reason" TEXT,
    "last_assessment_date" DATE,
    "rto_hours" INTEGER,
    "rpo_hours" INTEGER,
    "discontinuing_impact" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "business_function_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "business_function_identifier_key" ON "business_function"("identifier");
CREATE INDEX "business_function_entity_id_idx" ON "business_function"("entity_id");

CREATE TABLE "ict_service_function" (
    "service_id" UUID NOT NULL,
    "function_id" UUID NOT NULL,
    CONSTRAINT "ict_service_function_pkey" PRIMARY KEY ("service_id", "function_id")
);
CREATE INDEX "ict_service_function_function_id_idx" ON "ict_service_function"("function_id");

CREATE TABLE "processing_activity" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'CONTROLLER',
    "entity_id" UUID,
    "business_function_id" UUID,
    "controller_name" TEXT,
    "controller_contact" TEXT,
    "joint_controllers" TEXT,
    "representative" TEXT,
    "dpo_contact" TEXT,
    "purposes" TEXT,
    "lawful_basis" TEXT,
    "art9_condition" TEXT,
    "data_subjects" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "data_categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "special_categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "transfer_countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "transfer_safeguards" TEXT,
    "retention" TEXT,
    "security_measures" TEXT,
    "dpia_required" BOOLEAN NOT NULL DEFAULT false,
    "dpia_reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "processing_activity_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "processing_activity_entity_id_idx" ON "processing_activity"("entity_id");
CREATE INDEX "processing_activity_business_function_id_idx" ON "processing_activity"("business_function_id");

CREATE TABLE "processing_activity_flow" (
    "activity_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    CONSTRAINT "processing_activity_flow_pkey" PRIMARY KEY ("activity_id", "flow_id")
);
CREATE INDEX "processing_activity_flow_flow_id_idx" ON "processing_activity_flow"("flow_id");

ALTER TABLE "contractual_arrangement" ADD CONSTRAINT "contractual_arrangement_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "legal_entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "contractual_arrangement" ADD CONSTRAINT "contractual_arrangement_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "ict_provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ict_service" ADD CONSTRAINT "ict_service_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "ict_provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ict_service" ADD CONSTRAINT "ict_service_arrangement_id_fkey" FOREIGN KEY ("arrangement_id") REFERENCES "contractual_arrangement"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ict_service_system" ADD CONSTRAINT "ict_service_system_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "ict_service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ict_service_system" ADD CONSTRAINT "ict_service_system_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "system"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ict_service_function" ADD CONSTRAINT "ict_service_function_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "ict_service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ict_service_function" ADD CONSTRAINT "ict_service_function_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "business_function"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "business_function" ADD CONSTRAINT "business_function_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "legal_entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "processing_activity" ADD CONSTRAINT "processing_activity_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "legal_entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "processing_activity" ADD CONSTRAINT "processing_activity_business_function_id_fkey" FOREIGN KEY ("business_function_id") REFERENCES "business_function"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "processing_activity_flow" ADD CONSTRAINT "processing_activity_flow_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "processing_activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "processing_activity_flow" ADD CONSTRAINT "processing_activity_flow_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
