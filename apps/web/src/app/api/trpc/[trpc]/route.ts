import { createApiContext } from "@parley/api/context";
import { logger } from "@parley/api/logger";
import { clientIpFromHeaders } from "@parley/api/rate-limit/client-ip";
import { appRouter } from "@parley/api/root";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getWebEnv } from "@/env.ts";
import { getDb } from "@/server/db.ts";
import { withRequestMetrics } from "@/server/metrics.ts";
import { getActor } from "@/server/session.ts";
import { MAX_PROCEDURES_PER_BATCH } from "@/trpc/batch-limit.ts";

const handleTrpc = withRequestMetrics("/api/trpc", (request: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: MAX_PROCEDURES_PER_BATCH,
    createContext: async () =>
      createApiContext({
        db: getDb(),
        actor: await getActor(),
        clientIp: clientIpFromHeaders(request.headers, { trustProxy: getWebEnv().trustProxy }),
        origin: request.headers.get("origin"),
        requestId: request.headers.get("x-request-id")?.slice(0, 64) ?? undefined,
      }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path }, "tRPC procedure failed");
    },
  }),
);

export { handleTrpc as GET, handleTrpc as POST };
