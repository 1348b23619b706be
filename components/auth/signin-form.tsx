"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { label } from "@/lib/utils/labels";

export type DemoAccount = { email: string; role: string };

export type SignInFormProps = {
  /** Where to go after signing in; the page passes only same-origin paths. Defaults to "/". */
  callbackUrl?: string;
  /** Show "Sign in with {oidcName}" (single sign-on through the configured OpenID Connect provider). */
  oidcEnabled?: boolean;
  oidcName?: string;
  /** Demo mode only: the seeded accounts, shown as a hint that fills the form. */
  demoAccounts?: readonly DemoAccount[] | null;
  /** Password of the demo accounts, filled in together with the email when a demo account is picked. */
  demoPassword?: string;
  /** An error code next-auth put in the URL (?error=...), e.g. after a failed single sign-on. */
  initialError?: string | null;
};

const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password",
  RATE_LIMITED: "Too many attempts, try again in a minute",
  UNAVAILABLE: "Sign-in is unavailable right now. Try again shortly.",
  AccessDenied: "Your account is not allowed to sign in here",
  OAuthSignin: "Single sign-on could not start. Try again or use your password.",
  OAuthCallback: "Single sign-on did not complete. Try again or use your password.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in method",
  SessionRequired: "Sign in to continue",
};

function messageFor(code: string): string {
  return ERROR_MESSAGES[code] ?? "Sign-in failed. Try again.";
}

export function SignInForm({
  callbackUrl,
  oidcEnabled = false,
  oidcName = "single sign-on",
  demoAccounts = null,
  demoPassword,
  initialError = null,
}: SignInFormProps) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const [pending, setPending] = useState<"credentials" | "oidc" | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setPending("credentials");
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error || !result.ok) {
        setError(messageFor(result?.error ?? "Default"));
        setPending(null);
        return;
      }
      // Stay in the pending state: the page is about to change.
      router.push(callbackUrl ?? "/");
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPending(null);
    }
  }

  function onOidc() {
    setError(null);
    setPending("oidc");
    void signIn("oidc", { callbackUrl: callbackUrl ?? "/" });
  }

  return (
    <div className="grid gap-5">
      {error ? (
        <Alert variant="destructive" role="alert">
          <CircleAlert aria-hidden="true" />
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}

      <form onSubmit={onSubmit} className="grid gap-4">
        <FormField label="Email">
          <Input
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </FormField>
        <FormField label="Password">
          <Input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </FormField>
        <Button type="submit" className="w-full" disabled={pending !== null}>
          {pending === "credentials" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
          Sign in
        </Button>
      </form>

      {oidcEnabled ? (
        <>
          <div className="flex items-center gap-3 text-xs text-muted-foreground" aria-hidden="true">
            <span className="h-px flex-1 bg-border" />
            or
            <span className="h-px flex-1 bg-border" />
          </div>
          <Button variant="outline" className="w-full" onClick={onOidc} disabled={pending !== null}>
            {pending === "oidc" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
            Sign in with {oidcName}
          </Button>
        </>
      ) : null}

      {demoAccounts && demoAccounts.length > 0 ? (
        <section aria-labelledby="demo-accounts-title" className="grid gap-2 rounded-md border border-dashed bg-muted/40 p-3">
          <div className="grid gap-0.5">
            <h2 id="demo-accounts-title" className="text-xs font-medium">
              Demo accounts
            </h2>
            <p className="text-xs text-muted-foreground">
              {demoPassword ? (
                <>
                  Password <code className="font-mono text-foreground">{demoPassword}</code>. Pick one to fill the form.
                </>
              ) : (
                "Pick one to fill in the email."
              )}
            </p>
          </div>
          <ul className="grid gap-0.5">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  onClick={() => {
                    setEmail(account.email);
                    if (demoPassword) setPassword(demoPassword);
                    setError(null);
                  }}
                  className="flex w-full items-center justify-between gap-3 rounded-sm px-1.5 py-1 text-left text-xs hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
                >
                  <span className="truncate font-mono">{account.email}</span>
                  <span className="shrink-0 text-muted-foreground">
                    {label("Role", account.role)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
