import "server-only";
import type { Actor } from "@parley/api/context";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { cache } from "react";
import { getAuthOptions } from "./auth-options.ts";

/** The signed-in user of this request (once per request), or null. */
export const getActor = cache(async (): Promise<Actor | null> => {
  // Per-request by nature: never prerendered at build time (which has no configuration).
  await connection();
  const session = await getServerSession(getAuthOptions());
  return session?.user.id ? { userId: session.user.id } : null;
});
