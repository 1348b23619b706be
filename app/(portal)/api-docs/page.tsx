import { ApiReference } from "@/components/api-docs/api-reference";
import { OperationIndex } from "@/components/api-docs/operation-index";
import { PageHeader } from "@/components/ui/page-header";
import { operationIndex } from "@/lib/api/openapi";
import { pageCtx } from "@/lib/auth/session";

export const metadata = { title: "API reference · Interchange" };

export default async function ApiDocsPage() {
  await pageCtx();
  return (
    <div className="grid gap-6">
      <PageHeader
        title="API reference"
        description={
          <>
            Everything the portal does, over REST. Generated from the same schemas that validate requests; the raw document is at{" "}
            <a className="underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <ApiReference index={<OperationIndex groups={operationIndex()} />} />
    </div>
  );
}
