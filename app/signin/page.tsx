import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/signin-form";
import { ProductMark } from "@/components/shell/sidebar";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { demoSignInHint, isOidcConfigured, oidcDisplayName } from "@/lib/auth/oidc";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Only same-origin paths: anything else could send a freshly signed-in user to another site. */
function safeCallbackUrl(raw: string | undefined): string {
  if (!raw) return "/";
  try {
    const base = "http://interchange.invalid";
    const url = new URL(raw, base);
    const isRelative = raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\");
    // An absolute URL keeps only its path: its origin is not ours to trust.
    if (!isRelative && !/^https?:\/\//i.test(raw)) return "/";
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith("/signin") ? "/" : path;
  } catch {
    return "/";
  }
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  const oidcEnabled = isOidcConfigured();
  const demo = demoSignInHint();

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 px-4 py-10 dark:bg-background">
      <ProductMark className="text-base" link={false} />
      <Card className="w-full max-w-sm shadow-sm">
        <CardHeader>
          <CardTitle as="h1" className="text-lg">
            Sign in
          </CardTitle>
          <CardDescription>Governance portal for your integration estate.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm
            callbackUrl={callbackUrl}
            oidcEnabled={oidcEnabled}
            oidcName={oidcEnabled ? oidcDisplayName() : undefined}
            demoAccounts={demo?.accounts ?? null}
            demoPassword={demo?.password}
            initialError={first(params.error) ?? null}
          />
        </CardContent>
      </Card>
    </main>
  );
}
