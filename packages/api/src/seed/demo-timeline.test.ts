import { describe, expect, it } from "vitest";
import { demoConversations } from "./demo-cast.ts";
import { planDemoTimeline } from "./demo-timeline.ts";

const now = new Date("2026-03-18T15:30:00.000Z");

describe("planDemoTimeline", () => {
  it("is deterministic for a given moment", () => {
    expect(planDemoTimeline(now)).toEqual(planDemoTimeline(now));
  });

  it("says the same things whatever day it runs", () => {
    const aWeekLater = new Date(now.getTime() + 7 * 86_400_000);
    expect(planDemoTimeline(aWeekLater).map((message) => message.body)).toEqual(planDemoTimeline(now).map((message) => message.body));
  });

  it("ends a few minutes before now even when run just after midnight UTC", () => {
    for (const moment of [now, new Date("2026-03-18T00:05:00.000Z")]) {
      const plan = planDemoTimeline(moment);
      const newest = plan.at(-1)!.createdAt.getTime();
      expect(newest).toBeLessThanOrEqual(moment.getTime() - 3 * 60_000);
      expect(plan.every((message) => message.reactions.every((reaction) => reaction.createdAt.getTime() <= moment.getTime()))).toBe(true);
    }
  });

  it("only mentions people who are in the conversation", () => {
    const members = new Map(demoConversations.map((conversation) => [conversation.key, conversation.members as readonly string[]]));
    for (const message of planDemoTimeline(now)) {
      for (const mention of message.mentions) {
        if (mention.kind === "user") expect(members.get(message.conversation)).toContain(mention.handle);
      }
    }
  });

  it("never leaves the demo login's unread messages written by herself", () => {
    const plan = planDemoTimeline(now);
    const withUnread = demoConversations.filter((conversation) => conversation.unreadForAna > 0);
    expect(withUnread.length).toBeGreaterThan(0);
    for (const conversation of withUnread) {
      const unread = plan.filter((message) => message.conversation === conversation.key).slice(-conversation.unreadForAna);
      expect(unread.map((message) => message.from)).not.toContain("ana");
    }
  });
});
