/** tRPC for server components: the same router, called in-process with the request's session. */
import "server-only";
import { createApiContext } from "@parley/api/context";
import { appRouter, createAppCaller } from "@parley/api/root";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { getDb } from "../server/db.ts";
import { getActor } from "../server/session.ts";
import { makeQueryClient } from "./query-client.ts";

/** One query client per request, so a layout's prefetch is reused by its page. */
export const getQueryClient = cache(makeQueryClient);

// Server components only read: origin stays null, so any mutation here is refused by the CSRF check.
const createServerContext = cache(async () => createApiContext({ db: getDb(), actor: await getActor() }));

export const trpc = createTRPCOptionsProxy({ ctx: createServerContext, router: appRouter, queryClient: getQueryClient });

export const serverCaller = createAppCaller(createServerContext);

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
