import { getConversations, postConversation } from "@parley/api/rest/conversations.rest";
import { getDb } from "@/server/db.ts";
import { withRequestMetrics } from "@/server/metrics.ts";

/** GET /api/v1/conversations — the caller's conversations with unread counts (bearer token). */
export const GET = withRequestMetrics("/api/v1/conversations", (request: Request) => getConversations(request, { db: getDb() }));

/** POST /api/v1/conversations — create a channel or open a DM (bearer token). */
export const POST = withRequestMetrics("/api/v1/conversations", (request: Request) => postConversation(request, { db: getDb() }));
