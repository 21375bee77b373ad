/** REST: POST /api/v1/messages and GET /api/v1/conversations/:id/messages, thin over the message services. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { entityIdSchema, messageIdStringSchema, type MessageView } from "@parley/protocol/events";
import { listMessages } from "../messages/message-history.service.ts";
import { clientMessageIdSchema, HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, seqCursorSchema } from "../messages/messages.schema.ts";
import { sendMessage } from "../messages/messages.service.ts";
import { jsonResponse, parseRestInput, readJsonBody } from "./http.ts";
import { handleRest, type RestDependencies } from "./rest-context.ts";

/** 40,000 characters can take ~240 KB as JSON with \u escapes; anything larger is refused unread. */
export const MESSAGE_REQUEST_MAX_BYTES = 256 * 1024;

const postMessageBodySchema = z.strictObject({
  conversationId: entityIdSchema,
  // Checked again by the service (trim, 40,000 characters, NUL, surrogates); this bound keeps junk out early.
  body: z.string().max(80_000),
  clientMessageId: clientMessageIdSchema.optional(),
  threadRootId: messageIdStringSchema.optional(),
});

export interface PostMessageResponse {
  messageId: string;
  conversationId: string;
  seq: number;
  timestamp: string;
  status: "sent";
}

/** 201 with the stored message's id and seq; 200 with the same body when the clientMessageId was already sent. */
export async function postMessage(request: Request, deps: RestDependencies): Promise<Response> {
  return handleRest(request, deps, async ({ actor, ports }) => {
    const input = parseRestInput(postMessageBodySchema, await readJsonBody(request, { maxBytes: MESSAGE_REQUEST_MAX_BYTES }));
    const result = await sendMessage(ports, actor, { ...input, clientMessageId: input.clientMessageId ?? randomUUID() });
    const body: PostMessageResponse = {
      messageId: result.message.id,
      conversationId: result.message.conversationId,
      seq: result.message.seq,
      timestamp: result.message.createdAt,
      status: "sent",
    };
    return jsonResponse(result.isReplay ? 200 : 201, body);
  });
}

const historyQuerySchema = z.strictObject({
  conversationId: entityIdSchema,
  cursor: seqCursorSchema.optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, "limit must be an integer from 1 to 200")
    .transform(Number)
    .pipe(z.number().int().min(1, "limit must be an integer from 1 to 200").max(HISTORY_PAGE_MAX, "limit must be an integer from 1 to 200"))
    .optional(),
});

export interface MessageHistoryResponse {
  /** Newest first (like Slack's conversations.history); page on with ?cursor=nextCursor. */
  messages: MessageView[];
  /** The seq to pass as ?cursor= for the next (older) page; null when there is none. */
  nextCursor: string | null;
  hasMore: boolean;
}

export async function getConversationMessages(request: Request, deps: RestDependencies, params: { conversationId: string }): Promise<Response> {
  return handleRest(request, deps, async ({ actor, ports }) => {
    const url = new URL(request.url);
    const query = parseRestInput(historyQuerySchema, {
      conversationId: params.conversationId,
      // An empty parameter (?cursor=) means "not given".
      ...Object.fromEntries([...url.searchParams].filter(([, value]) => value !== "")),
    });
    const page = await listMessages(ports, actor, {
      conversationId: query.conversationId,
      before: query.cursor,
      limit: query.limit ?? HISTORY_PAGE_DEFAULT,
    });
    const newestFirst = [...page.messages].reverse();
    const oldest = page.messages[0];
    const body: MessageHistoryResponse = {
      messages: newestFirst,
      hasMore: page.hasMoreBefore,
      nextCursor: page.hasMoreBefore && oldest ? String(oldest.seq) : null,
    };
    return jsonResponse(200, body);
  });
}
