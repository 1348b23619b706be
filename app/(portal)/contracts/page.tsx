import { FileCheck2 } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Contracts" };

export default function ContractsPage() {
  return (
    <>
      <PageHeader
        title="Contracts"
        description="Versioned data contracts for each interface: schema, SLA, error handling and classification, changed only through producer and consumer approval."
      />
      <EmptyState
        icon={FileCheck2}
        title="No data contracts yet"
        description="A contract appears here when the team that owns an interface proposes one. Each version moves from draft through review by its consumers (and compliance, for personal or confidential data) before it becomes active."
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/catalog">Find an interface in the catalog</Link>
          </Button>
        }
      />
    </>
  );
}
