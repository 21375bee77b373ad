import type { MessageView } from "@parley/protocol/events";
import { messageViewAt } from "@parley/protocol/testing/message-view";
import { describe, expect, it } from "vitest";
import { buildTimelineRows, dayLabel } from "./conversation-rows.ts";
import { addOutgoing, emptyTimeline, mergeMessages } from "./conversation-timeline.ts";

const alice = "00000000-0000-4000-8000-0000000000a1";
const bob = "00000000-0000-4000-8000-0000000000b0";

const message = (seq: number, senderId: string, createdAt: Date, change: Partial<MessageView> = {}) =>
  messageViewAt("00000000-0000-4000-8000-000000000001", seq, {
    senderId,
    senderName: senderId === alice ? "Alice" : "Bob",
    createdAt: createdAt.toISOString(),
    ...change,
  });

const now = new Date(2026, 2, 10, 15, 0);
const at = (daysAgo: number, hour: number, minute: number) => new Date(2026, 2, 10 - daysAgo, hour, minute);

describe("buildTimelineRows", () => {
  it("groups one author's messages within 5 minutes and separates days", () => {
    const timeline = mergeMessages(emptyTimeline, [
      message(1, alice, at(1, 9, 0)),
      message(2, alice, at(0, 9, 0)),
      message(3, alice, at(0, 9, 4)),
      message(4, alice, at(0, 9, 10)),
      message(5, bob, at(0, 9, 11)),
      message(6, bob, at(0, 9, 12), { isDeleted: true, body: "" }),
      message(7, bob, at(0, 9, 13)),
    ]);
    const rows = buildTimelineRows(timeline, null, now);
    expect(
      rows.map((row) => (row.type === "message" ? `${row.message.seq}${row.isGroupStart ? "*" : ""}` : row.type === "day" ? row.label : row.type)),
    ).toEqual(["Yesterday", "1*", "Today", "2*", "3", "4*", "5*", "6*", "7*"]);
  });

  it("puts the new-messages line above the first unread and starts a group there", () => {
    const timeline = mergeMessages(emptyTimeline, [message(1, alice, at(0, 9, 0)), message(2, alice, at(0, 9, 1))]);
    const rows = buildTimelineRows(timeline, 2, now);
    expect(rows.map((row) => row.type)).toEqual(["day", "message", "new-messages", "message"]);
    expect(rows[3]).toMatchObject({ type: "message", isGroupStart: true });
  });

  it("lists outgoing messages after committed ones, grouped with the author's last message", () => {
    const timeline = addOutgoing(mergeMessages(emptyTimeline, [message(1, alice, at(0, 9, 0))]), {
      clientMessageId: "c-1",
      body: "hi",
      senderId: alice,
      senderName: "Alice",
      createdAt: at(0, 9, 1).toISOString(),
    });
    const rows = buildTimelineRows(timeline, null, now);
    expect(rows.at(-1)).toMatchObject({ type: "outgoing", key: "out-c-1", isGroupStart: false });
  });
});

it("labels days like Slack", () => {
  expect(dayLabel(at(0, 1, 0), now)).toBe("Today");
  expect(dayLabel(at(1, 23, 0), now)).toBe("Yesterday");
  expect(dayLabel(new Date(2026, 0, 5), now)).toBe("Monday, January 5");
  expect(dayLabel(new Date(2025, 11, 24), now)).toBe("December 24, 2025");
});
