import type { MessageView } from "@parley/protocol/events";
import { messageViewAt } from "@parley/protocol/testing/message-view";
import { describe, expect, it } from "vitest";
import {
  addOutgoing,
  applyBusEvent,
  confirmOutgoing,
  contiguousHighSeq,
  emptyTimeline,
  failOutgoing,
  hasGap,
  lastOwnEditableMessage,
  mergeMessages,
  mergePage,
  retryOutgoing,
  type ConversationTimeline,
} from "./conversation-timeline.ts";

const conversationId = "00000000-0000-4000-8000-000000000001";
const alice = "00000000-0000-4000-8000-0000000000a1";
const bob = "00000000-0000-4000-8000-0000000000b0";

/** Alice's message `seq`, at noon. */
const message = (seq: number, change: Partial<MessageView> = {}) =>
  messageViewAt(conversationId, seq, { senderId: alice, senderName: "Alice", createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(), ...change });

const seqsOf = (timeline: ConversationTimeline) => timeline.messages.map((entry) => entry.seq);

describe("merging pages", () => {
  it("keeps one copy per seq in ascending order whatever order pages arrive in", () => {
    let timeline = mergePage(emptyTimeline, { messages: [message(4), message(5), message(6)], hasMoreBefore: true, hasMoreAfter: false }, "initial");
    timeline = mergePage(timeline, { messages: [message(1), message(2), message(3), message(4)], hasMoreBefore: false, hasMoreAfter: true }, "older");
    expect(seqsOf(timeline)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(timeline.hasMoreBefore).toBe(false);
    // An older page says nothing about the newest edge.
    expect(timeline.hasMoreAfter).toBe(false);
  });

  it("returns the same object when nothing changes (no re-render)", () => {
    const timeline = mergeMessages(emptyTimeline, [message(1)]);
    expect(mergeMessages(timeline, [message(1)])).toBe(timeline);
  });

  it("keeps an edit or a tombstone when a stale copy arrives later", () => {
    const edited = message(1, { body: "fixed", editedAt: "2026-01-01T13:00:00.000Z" });
    let timeline = mergeMessages(emptyTimeline, [edited]);
    timeline = mergeMessages(timeline, [message(1)]);
    expect(timeline.messages[0]!.body).toBe("fixed");
    timeline = mergeMessages(timeline, [message(1, { isDeleted: true, body: "" })]);
    timeline = mergeMessages(timeline, [edited]);
    expect(timeline.messages[0]!.isDeleted).toBe(true);
  });
});

describe("bus events", () => {
  it("applies created, updated and deleted events of this conversation only", () => {
    let timeline = mergeMessages(emptyTimeline, [message(1)]);
    timeline = applyBusEvent(timeline, conversationId, { type: "message.created", conversationId, message: message(2), clientMessageId: null });
    timeline = applyBusEvent(timeline, conversationId, {
      type: "message.updated",
      conversationId,
      message: message(1, { body: "edited", editedAt: "2026-01-01T13:00:00.000Z" }),
    });
    timeline = applyBusEvent(timeline, conversationId, { type: "message.deleted", conversationId, messageId: "1002", seq: 2 });
    const other = "00000000-0000-4000-8000-000000000002";
    timeline = applyBusEvent(timeline, conversationId, {
      type: "message.created",
      conversationId: other,
      message: { ...message(3), conversationId: other },
      clientMessageId: null,
    });
    expect(timeline.messages.map((entry) => [entry.seq, entry.body, entry.isDeleted])).toEqual([
      [1, "edited", false],
      [2, "", true],
    ]);
  });

  it("a duplicate created event changes nothing", () => {
    const timeline = mergeMessages(emptyTimeline, [message(1)]);
    expect(applyBusEvent(timeline, conversationId, { type: "message.created", conversationId, message: message(1), clientMessageId: null })).toBe(timeline);
  });
});

describe("outgoing messages", () => {
  const draft = { clientMessageId: "c-1", body: "hello", senderId: alice, senderName: "Alice", createdAt: "2026-01-01T12:05:00.000Z" };

  it("goes pending → sent when the server confirms, leaving one message", () => {
    let timeline = addOutgoing(mergeMessages(emptyTimeline, [message(1)]), draft);
    expect(timeline.outgoing).toMatchObject([{ clientMessageId: "c-1", status: "pending" }]);
    timeline = confirmOutgoing(timeline, "c-1", message(2, { body: "hello" }));
    expect(timeline.outgoing).toEqual([]);
    expect(seqsOf(timeline)).toEqual([1, 2]);
  });

  it("the echoed created event replaces the pending copy too (another path won the race)", () => {
    let timeline = addOutgoing(emptyTimeline, draft);
    timeline = applyBusEvent(timeline, conversationId, {
      type: "message.created",
      conversationId,
      message: message(1, { body: "hello" }),
      clientMessageId: "c-1",
    });
    timeline = confirmOutgoing(timeline, "c-1", message(1, { body: "hello" }));
    expect(timeline.outgoing).toEqual([]);
    expect(seqsOf(timeline)).toEqual([1]);
  });

  it("fails with the reason and retries under the same clientMessageId", () => {
    let timeline = failOutgoing(addOutgoing(emptyTimeline, draft), "c-1", "Network error");
    expect(timeline.outgoing).toMatchObject([{ clientMessageId: "c-1", status: "failed", error: "Network error" }]);
    timeline = retryOutgoing(timeline, "c-1");
    expect(timeline.outgoing).toMatchObject([{ clientMessageId: "c-1", status: "pending", error: null, body: "hello" }]);
  });
});

describe("gaps", () => {
  it("knows the highest contiguous seq and sees a jump ahead as a gap", () => {
    expect(contiguousHighSeq(emptyTimeline)).toBe(0);
    let timeline = mergeMessages(emptyTimeline, [message(3), message(4), message(5)]);
    expect(contiguousHighSeq(timeline)).toBe(5);
    expect(hasGap(timeline)).toBe(false);
    timeline = applyBusEvent(timeline, conversationId, { type: "message.created", conversationId, message: message(8), clientMessageId: null });
    expect(contiguousHighSeq(timeline)).toBe(5);
    expect(hasGap(timeline)).toBe(true);
    timeline = mergeMessages(timeline, [message(6), message(7)]);
    expect(contiguousHighSeq(timeline)).toBe(8);
    expect(hasGap(timeline)).toBe(false);
  });
});

it("finds the newest own message that can be edited", () => {
  const timeline = mergeMessages(emptyTimeline, [message(1), message(2, { isDeleted: true, body: "" }), message(3, { senderId: bob, senderName: "Bob" })]);
  expect(lastOwnEditableMessage(timeline, alice)?.seq).toBe(1);
  expect(lastOwnEditableMessage(timeline, "00000000-0000-4000-8000-0000000000ff")).toBeNull();
});
