/** How a test calls the app as one of its personas: a service directly, or tRPC as a page of the app would. */
import type { PrismaClient } from "@parley/db/client";
import { createAccessToken } from "../access-tokens/access-tokens.service.ts";
import { createApiContext } from "../context.ts";
import type { Actor } from "../core/database.ts";
import { systemClock } from "../ports.ts";
import { createAppCaller } from "../root.ts";
import { appOrigin } from "../trpc.ts";

/** A personal access token of `persona`'s: the REST API (`Authorization: Bearer <token>`) as them. */
export async function bearerTokenOf(db: PrismaClient, persona: { userId: string }): Promise<string> {
  return (await createAccessToken({ db, clock: systemClock }, as(persona), { name: "test" })).token;
}

/** The actor a service sees when `persona` calls it: only the id a session carries, never the rest of the fixture. */
export const as = (persona: { userId: string }): Actor => ({ userId: persona.userId });

/**
 * Every tRPC procedure, called as `persona` (null: signed out) from `origin`,
 * which is the app's own unless a test plays a foreign page (the CSRF check).
 */
export function trpcAs(db: PrismaClient, persona: { userId: string } | null, options: { origin?: string } = {}) {
  return createAppCaller(createApiContext({ db, actor: persona ? as(persona) : null, origin: options.origin ?? appOrigin() }));
}
