import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Compliance" };

export default function CompliancePage() {
  return (
    <>
      <PageHeader
        title="Compliance"
        description="Data classification, cross-border transfers and policy violations across the estate, with GDPR Art. 30, DORA and PCI DSS reports."
      />
      <EmptyState
        icon={ShieldCheck}
        title="No findings to review yet"
        description="Findings are derived from classified fields and flows: personal data leaving the EEA without a transfer tool, restricted data sent unencrypted. Records of processing and the DORA Register of Information are built from the same flows once they are declared."
      />
    </>
  );
}
