import { TokensPanel } from "@/components/account/tokens-panel";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { listOwnTokens } from "@/lib/tokens/data";

export const metadata = { title: "API tokens · Interchange" };

export default async function TokensPage() {
  const ctx = await pageCtx();
  const tokens = await listOwnTokens(ctx);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="API tokens"
        description="Tokens act as you against the REST API and the command-line client. Each is stored only as a hash and shown once."
      />
      <TokensPanel tokens={tokens} />
    </div>
  );
}
