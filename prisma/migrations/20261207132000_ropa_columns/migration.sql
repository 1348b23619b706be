-- RoPA columns of the ICO and CNIL templates and structured Art. 32 security controls.

ALTER TABLE "processing_activity" ADD COLUMN "security_controls" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "processing_activity" ADD COLUMN "source_of_data" TEXT;
ALTER TABLE "processing_activity" ADD COLUMN "data_subject_rights" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "processing_activity" ADD COLUMN "automated_decisions" TEXT;
ALTER TABLE "processing_activity" ADD COLUMN "processor_contract" TEXT;
