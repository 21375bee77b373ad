/** A message as the send path hands it to the send statement (id and idempotency key claimed), for tests. */
import { randomUUID } from "node:crypto";
import { createMessageIdGenerator } from "@parley/db/ids";
import { conversationTopic } from "@parley/protocol/events";
import type { ClaimedMessage } from "../send-statement.sql.ts";

const ids = createMessageIdGenerator();

export function claimedMessage(conversationId: string, senderId: string, options: { clientMessageId?: string; body?: string; threadRootId?: bigint } = {}): ClaimedMessage {
  const createdAt = new Date();
  const id = ids.next(createdAt);
  return {
    id,
    conversationId,
    senderId,
    clientMessageId: options.clientMessageId ?? randomUUID(),
    threadRootId: options.threadRootId ?? null,
    body: options.body ?? "hello",
    createdAt,
    outbox: { topic: conversationTopic(conversationId), payload: { type: "message.created", conversationId, message: { id: id.toString(), seq: 0, senderName: null }, clientMessageId: null } },
  };
}
