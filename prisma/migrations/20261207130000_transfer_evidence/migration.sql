-- Transfer tools of GDPR Chapter V beyond adequacy, SCCs, BCRs and derogations, and the evidence each needs.

ALTER TYPE "TransferTool" ADD VALUE 'PUBLIC_AUTHORITY_INSTRUMENT';
ALTER TYPE "TransferTool" ADD VALUE 'AUTHORITY_SCC';
ALTER TYPE "TransferTool" ADD VALUE 'CODE_OF_CONDUCT';
ALTER TYPE "TransferTool" ADD VALUE 'CERTIFICATION';
ALTER TYPE "TransferTool" ADD VALUE 'AD_HOC_CLAUSES';

ALTER TABLE "flow" ADD COLUMN "transfer_scc_module" TEXT;
ALTER TABLE "flow" ADD COLUMN "transfer_signed_on" DATE;
ALTER TABLE "flow" ADD COLUMN "transfer_derogation" TEXT;
ALTER TABLE "flow" ADD COLUMN "transfer_tia" TEXT;
ALTER TABLE "flow" ADD COLUMN "transfer_dpf_certification" TEXT;
