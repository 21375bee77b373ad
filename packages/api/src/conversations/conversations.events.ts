/** Builds the bus events announcing conversation changes; published after commit via the outbox. */
import { conversationTopic, userTopic, type BusEvent } from "@parley/protocol/events";
import type { OutboxEvent } from "../bus/outbox-events.ts";

type ConversationChanges = Extract<BusEvent, { type: "conversation.updated" }>["changes"];

export function conversationUpdated(conversationId: string, changes: ConversationChanges): OutboxEvent {
  return { topic: conversationTopic(conversationId), event: { type: "conversation.updated", conversationId, changes } };
}

/** Existing members learn who joined; each newcomer's devices learn they belong now. */
export function membersJoined(conversationId: string, userIds: readonly string[]): OutboxEvent[] {
  if (userIds.length === 0) return [];
  return [
    { topic: conversationTopic(conversationId), event: { type: "conversation.members_joined", conversationId, userIds: [...userIds] } },
    ...conversationAdded(conversationId, userIds),
  ];
}

export function conversationAdded(conversationId: string, userIds: readonly string[]): OutboxEvent[] {
  return userIds.map((userId) => ({ topic: userTopic(userId), event: { type: "conversation.added", conversationId } }));
}

export function memberLeft(conversationId: string, userId: string): OutboxEvent[] {
  return [
    { topic: conversationTopic(conversationId), event: { type: "conversation.member_left", conversationId, userId } },
    { topic: userTopic(userId), event: { type: "conversation.removed", conversationId } },
  ];
}
