"use client";

import { KeyRound } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/components/api/client";
import { useApiMutation } from "@/components/admin/queries";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApiTokenDto, IssuedToken } from "@/lib/tokens/schemas";
import { formatDateTime } from "@/lib/utils/format";
import { label } from "@/lib/utils/labels";


export function TokensPanel({ tokens }: { tokens: ApiTokenDto[] }) {
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const create = useApiMutation<{ name: string; expiresInDays: number }, IssuedToken>((body) => ({ path: "/api/v1/tokens", method: "POST", body }));
  const revoke = useApiMutation((id: string) => ({ path: `/api/v1/tokens/${id}`, method: "DELETE" }));
  const error = create.error instanceof ApiError ? create.error : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    create.mutate(
      { name: String(form.get("name") || "API token"), expiresInDays: Number(form.get("expiresInDays")) },
      { onSuccess: (token) => (setIssued(token), target.reset()) },
    );
  }

  return (
    <div className="grid gap-6">
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start" aria-label="Create an API token" noValidate>
        <FormField label="Token name" description="What will use it, e.g. the CI pipeline of payments-api." error={error?.field("/name")}>
          <Input name="name" placeholder="ci-pipeline" autoComplete="off" />
        </FormField>
        <FormField label="Expires in (days)" error={error?.field("/expiresInDays")}>
          <Input name="expiresInDays" type="number" min={1} max={365} defaultValue={90} />
        </FormField>
        <Button type="submit" className="sm:mt-6" disabled={create.isPending}>
          <KeyRound aria-hidden="true" /> Create token
        </Button>
      </form>
      {issued ? (
        <Alert role="status">
          <AlertTitle>Copy your new token now: it will not be shown again</AlertTitle>
          <AlertDescription>
            <code className="block break-all rounded bg-muted px-2 py-1 font-mono text-xs" aria-label="New API token">
              {issued.token}
            </code>
            <CopyButton text={issued.token} label="Copy token" />
            <span className="mt-1 block">Send it as <code>Authorization: Bearer …</code>. Revoke it below if it leaks.</span>
          </AlertDescription>
        </Alert>
      ) : null}
      {create.error && !error?.errors.length ? <Alert variant="destructive">{create.error.message}</Alert> : null}
      {revoke.error ? <Alert variant="destructive">{revoke.error.message}</Alert> : null}
      {tokens.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API tokens" description="Create one for scripts, CI pipelines and the command-line client." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Token</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.map((token) => {
              const active = token.status === "ACTIVE";
              return (
                <TableRow key={token.id}>
                  <TableCell className="font-medium">{token.name}</TableCell>
                  <TableCell className="font-mono text-xs text-muted-foreground">{token.prefix}…</TableCell>
                  <TableCell className="text-muted-foreground">{formatDateTime(token.createdAt)}</TableCell>
                  <TableCell className="text-muted-foreground">{formatDateTime(token.expiresAt)}</TableCell>
                  <TableCell className="text-muted-foreground">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</TableCell>
                  <TableCell>
                    <Badge variant={active ? "secondary" : "outline"}>{label("TokenStatus", token.status)}</Badge>
                  </TableCell>
                  <TableCell className="text-right">
                    {active ? (
                      <Button variant="outline" size="sm" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)} aria-label={`Revoke ${token.name}`}>
                        Revoke
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
