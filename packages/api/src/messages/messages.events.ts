/** Builds the bus events announcing message changes, written to the outbox in the same transaction. */
import { conversationTopic, type MessageView } from "@parley/protocol/events";
import type { OutboxEvent } from "../bus/outbox-events.ts";

export function messageCreated(message: MessageView, clientMessageId: string | null): OutboxEvent {
  return {
    topic: conversationTopic(message.conversationId),
    event: { type: "message.created", conversationId: message.conversationId, message, clientMessageId },
  };
}

export function messageUpdated(message: MessageView): OutboxEvent {
  return { topic: conversationTopic(message.conversationId), event: { type: "message.updated", conversationId: message.conversationId, message } };
}

export function messageDeleted(conversationId: string, messageId: bigint, seq: number): OutboxEvent {
  return {
    topic: conversationTopic(conversationId),
    event: { type: "message.deleted", conversationId, messageId: messageId.toString(), seq },
  };
}
