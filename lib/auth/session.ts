import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { loadActor } from "./actor";
import type { Actor, Ctx } from "./can";
import { authOptions } from "./next-auth";

/** The browser session's user, or null. */
export async function currentActor(): Promise<Actor | null> {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  return session?.uid ? loadActor(session.uid, session.sv ?? 0) : null;
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  return actor;
}

/** For pages: the request context lib/ data functions take. */
export async function pageCtx(): Promise<Ctx> {
  const actor = await requirePageActor();
  const requestId = (await headers()).get("x-request-id") ?? randomUUID();
  return { actor, requestId, via: "session" };
}
