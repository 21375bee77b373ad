/**
 * The client's model of one conversation's history, as pure functions over an
 * immutable value so React state, tests and the live-event path share it.
 * Committed messages are keyed by seq (the server's gapless per-conversation
 * counter); messages still being sent are keyed by their clientMessageId until
 * the committed copy replaces them.
 */
import type { BusEvent, MessageView } from "@parley/protocol/events";

export type OutgoingStatus = "pending" | "failed";

/** A message this tab is sending: shown dimmed, or red with Retry when it failed. */
export interface OutgoingMessage {
  clientMessageId: string;
  body: string;
  senderId: string;
  senderName: string;
  createdAt: string;
  status: OutgoingStatus;
  /** The server's (or network's) reason, shown next to Retry. */
  error: string | null;
}

export interface ConversationTimeline {
  /** Ascending seq, no duplicates. */
  messages: readonly MessageView[];
  outgoing: readonly OutgoingMessage[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

export const emptyTimeline: ConversationTimeline = { messages: [], outgoing: [], hasMoreBefore: true, hasMoreAfter: false };

/**
 * When two copies of one seq meet (a page fetched before an edit event, or
 * after it), keep the later state: a tombstone is final, otherwise the later edit.
 */
function newerVersion(existing: MessageView, incoming: MessageView): MessageView {
  if (existing.isDeleted) return existing;
  if (incoming.isDeleted) return incoming;
  const existingEdit = existing.editedAt ? Date.parse(existing.editedAt) : 0;
  const incomingEdit = incoming.editedAt ? Date.parse(incoming.editedAt) : 0;
  if (incomingEdit < existingEdit) return existing;
  const isSame = incomingEdit === existingEdit && incoming.body === existing.body && incoming.replyCount === existing.replyCount;
  return isSame ? existing : incoming;
}

/** Adds or refreshes messages (any order, duplicates allowed); the result stays sorted by seq. */
export function mergeMessages(timeline: ConversationTimeline, incoming: readonly MessageView[]): ConversationTimeline {
  if (incoming.length === 0) return timeline;
  const bySeq = new Map<number, MessageView>();
  for (const message of timeline.messages) bySeq.set(message.seq, message);
  let isChanged = false;
  for (const message of incoming) {
    const existing = bySeq.get(message.seq);
    const next = existing ? newerVersion(existing, message) : message;
    if (next !== existing) {
      bySeq.set(message.seq, next);
      isChanged = true;
    }
  }
  if (!isChanged) return timeline;
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { ...timeline, messages };
}

export interface PageBounds {
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

export type PageDirection = "initial" | "older" | "newer";

/** Merges one `messages.list` page; only the edge the page was fetched toward learns whether more exist. */
export function mergePage(
  timeline: ConversationTimeline,
  page: { messages: readonly MessageView[] } & PageBounds,
  direction: PageDirection,
): ConversationTimeline {
  const merged = mergeMessages(timeline, page.messages);
  return {
    ...merged,
    hasMoreBefore: direction === "newer" ? merged.hasMoreBefore : page.hasMoreBefore,
    hasMoreAfter: direction === "older" ? merged.hasMoreAfter : page.hasMoreAfter,
  };
}

/** Applies a bus event of this conversation; events of other conversations or kinds change nothing. */
export function applyBusEvent(timeline: ConversationTimeline, conversationId: string, event: BusEvent): ConversationTimeline {
  if (!("conversationId" in event) || event.conversationId !== conversationId) return timeline;
  switch (event.type) {
    case "message.created": {
      const merged = mergeMessages(timeline, [event.message]);
      return event.clientMessageId ? dropOutgoing(merged, event.clientMessageId) : merged;
    }
    case "message.updated":
      return mergeMessages(timeline, [event.message]);
    case "message.deleted": {
      const existing = timeline.messages.find((message) => message.seq === event.seq);
      // A deletion of a message not loaded yet: the page that brings it carries the tombstone.
      if (!existing || existing.isDeleted) return timeline;
      return mergeMessages(timeline, [{ ...existing, body: "", isDeleted: true }]);
    }
    // The header, the members and the read state live elsewhere: the messages do not change.
    case "conversation.updated":
    case "conversation.members_joined":
    case "conversation.member_left":
    case "conversation.added":
    case "conversation.removed":
    case "read":
    case "typing":
      return timeline;
  }
}

function dropOutgoing(timeline: ConversationTimeline, clientMessageId: string): ConversationTimeline {
  if (!timeline.outgoing.some((entry) => entry.clientMessageId === clientMessageId)) return timeline;
  return { ...timeline, outgoing: timeline.outgoing.filter((entry) => entry.clientMessageId !== clientMessageId) };
}

export function addOutgoing(timeline: ConversationTimeline, entry: Omit<OutgoingMessage, "status" | "error">): ConversationTimeline {
  const outgoing = timeline.outgoing.filter((existing) => existing.clientMessageId !== entry.clientMessageId);
  return { ...timeline, outgoing: [...outgoing, { ...entry, status: "pending", error: null }] };
}

/** The server committed it: the outgoing copy gives way to the real message (pending → sent). */
export function confirmOutgoing(timeline: ConversationTimeline, clientMessageId: string, message: MessageView): ConversationTimeline {
  return dropOutgoing(mergeMessages(timeline, [message]), clientMessageId);
}

export function failOutgoing(timeline: ConversationTimeline, clientMessageId: string, error: string): ConversationTimeline {
  return updateOutgoing(timeline, clientMessageId, { status: "failed", error });
}

/** Retry keeps the clientMessageId, so a send that did commit is not stored twice. */
export function retryOutgoing(timeline: ConversationTimeline, clientMessageId: string): ConversationTimeline {
  return updateOutgoing(timeline, clientMessageId, { status: "pending", error: null });
}

export function discardOutgoing(timeline: ConversationTimeline, clientMessageId: string): ConversationTimeline {
  return dropOutgoing(timeline, clientMessageId);
}

function updateOutgoing(timeline: ConversationTimeline, clientMessageId: string, change: Partial<OutgoingMessage>): ConversationTimeline {
  if (!timeline.outgoing.some((entry) => entry.clientMessageId === clientMessageId)) return timeline;
  return {
    ...timeline,
    outgoing: timeline.outgoing.map((entry) => (entry.clientMessageId === clientMessageId ? { ...entry, ...change } : entry)),
  };
}

/**
 * The highest seq up to which the loaded history has no hole, counting from
 * the oldest loaded message; 0 when nothing is loaded. Newer pages and the
 * resync poll ask for `after` this, so a missed event is fetched again.
 */
export function contiguousHighSeq(timeline: ConversationTimeline): number {
  const { messages } = timeline;
  if (messages.length === 0) return 0;
  let high = messages[0]!.seq;
  for (let index = 1; index < messages.length; index += 1) {
    const seq = messages[index]!.seq;
    if (seq !== high + 1) break;
    high = seq;
  }
  return high;
}

/** True when something newer than the contiguous run has arrived (an event skipped ahead). */
export function hasGap(timeline: ConversationTimeline): boolean {
  const last = timeline.messages.at(-1);
  return last !== undefined && last.seq !== contiguousHighSeq(timeline);
}

/** The user's newest own message that can still be edited (Up-arrow in an empty composer). */
export function lastOwnEditableMessage(timeline: ConversationTimeline, userId: string): MessageView | null {
  for (let index = timeline.messages.length - 1; index >= 0; index -= 1) {
    const message = timeline.messages[index]!;
    if (message.senderId === userId && !message.isDeleted && message.kind === "user") return message;
  }
  return null;
}
