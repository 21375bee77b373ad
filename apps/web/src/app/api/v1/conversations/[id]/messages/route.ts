import { getConversationMessages } from "@parley/api/rest/messages.rest";
import { getDb } from "@/server/db.ts";
import { withRequestMetrics } from "@/server/metrics.ts";

/** GET /api/v1/conversations/:id/messages?cursor=&limit= — history, newest first (bearer token). */
export const GET = withRequestMetrics("/api/v1/conversations/:id/messages", async (request: Request, context: { params: Promise<{ id: string }> }) =>
  getConversationMessages(request, { db: getDb() }, { conversationId: (await context.params).id }),
);
