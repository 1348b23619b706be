"use client";

import { useState, type FormEvent } from "react";
import { useApiMutation } from "@/components/admin/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import type { CommentDto } from "@/lib/contracts/schemas";

function CommentForm({ contractId, parentId, label, onDone }: { contractId: string; parentId?: string; label: string; onDone?: () => void }) {
  const [body, setBody] = useState("");
  const post = useApiMutation((input: { body: string; parentId?: string }) => ({ path: `/api/v1/contracts/${contractId}/comments`, method: "POST", body: input }));
  function submit(event: FormEvent) {
    event.preventDefault();
    post.mutate({ body, ...(parentId ? { parentId } : {}) }, { onSuccess: () => (setBody(""), onDone?.()) });
  }
  return (
    <form onSubmit={submit} className="grid gap-2">
      <FormField label={label}>
        <Textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
      </FormField>
      {post.error ? <Alert variant="destructive">{post.error.message}</Alert> : null}
      <Button type="submit" size="sm" variant="outline" className="w-fit" disabled={post.isPending || !body.trim()}>
        {parentId ? "Reply" : "Comment"}
      </Button>
    </form>
  );
}

function Thread({ contractId, comment, all, depth }: { contractId: string; comment: CommentDto; all: CommentDto[]; depth: number }) {
  const [replying, setReplying] = useState(false);
  const replies = all.filter((c) => c.parentId === comment.id);
  return (
    <li className="grid gap-2">
      <article className="rounded-md border px-3 py-2 text-sm" aria-label={`Comment by ${comment.author?.name ?? "a former user"}`}>
        <p className="text-xs text-muted-foreground">
          {comment.author?.name ?? "Former user"} · {comment.createdAt.slice(0, 16).replace("T", " ")}
        </p>
        <p className="whitespace-pre-wrap">{comment.body}</p>
        {depth < 4 ? (
          <Button variant="link" size="sm" className="h-auto px-0" onClick={() => setReplying((r) => !r)}>
            {replying ? "Cancel" : "Reply"}
          </Button>
        ) : null}
      </article>
      {replying ? <CommentForm contractId={contractId} parentId={comment.id} label="Your reply" onDone={() => setReplying(false)} /> : null}
      {replies.length ? (
        <ul className="ml-6 grid gap-2 border-l pl-3">
          {replies.map((r) => (
            <Thread key={r.id} contractId={contractId} comment={r} all={all} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The version's threaded discussion; decisions with a comment appear here too. */
export function Discussion({ contractId, comments }: { contractId: string; comments: CommentDto[] }) {
  const roots = comments.filter((c) => !c.parentId);
  return (
    <div className="grid gap-4">
      {roots.length === 0 ? <p className="text-sm text-muted-foreground">No comments yet.</p> : null}
      <ul className="grid gap-3" aria-label="Discussion">
        {roots.map((c) => (
          <Thread key={c.id} contractId={contractId} comment={c} all={comments} depth={0} />
        ))}
      </ul>
      <CommentForm contractId={contractId} label="Add a comment" />
    </div>
  );
}
