-- PCI DSS 12.8.x: third-party service providers' Attestation of Compliance and responsibility matrix.

ALTER TABLE "ict_provider" ADD COLUMN "pci_aoc_status" TEXT;
ALTER TABLE "ict_provider" ADD COLUMN "pci_aoc_date" DATE;
ALTER TABLE "ict_provider" ADD COLUMN "pci_responsibilities" TEXT[] DEFAULT ARRAY[]::TEXT[];
