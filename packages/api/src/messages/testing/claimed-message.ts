/** A message as the send path hands it to the send statement (id and idempotency key claimed), for tests. */
import { randomUUID } from "node:crypto";
import { createMessageIdGenerator } from "@parley/db/ids";
import { conversationTopic } from "@parley/protocol/events";
import { extractMentionTokens } from "../mentions.ts";
import type { ClaimedMessage } from "../send-statement.sql.ts";

const ids = createMessageIdGenerator();

export function claimedMessage(
  conversationId: string,
  senderId: string,
  options: { clientMessageId?: string; body?: string; threadRootId?: bigint } = {},
): ClaimedMessage {
  const createdAt = new Date();
  const id = ids.next(createdAt);
  const body = options.body ?? "hello";
  return {
    id,
    conversationId,
    senderId,
    clientMessageId: options.clientMessageId ?? randomUUID(),
    threadRootId: options.threadRootId ?? null,
    body,
    createdAt,
    outbox: {
      topic: conversationTopic(conversationId),
      payload: { type: "message.created", conversationId, message: { id: id.toString(), seq: 0, senderName: null }, clientMessageId: null },
    },
    mentions: extractMentionTokens(body),
  };
}
