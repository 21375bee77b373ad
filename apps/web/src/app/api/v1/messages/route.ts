import { postMessage } from "@parley/api/rest/messages.rest";
import { getDb } from "@/server/db.ts";
import { withRequestMetrics } from "@/server/metrics.ts";

/** POST /api/v1/messages — send a message (bearer token). */
export const POST = withRequestMetrics("/api/v1/messages", (request: Request) => postMessage(request, { db: getDb() }));
