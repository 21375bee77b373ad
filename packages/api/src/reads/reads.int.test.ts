import { beforeEach, describe, expect, it } from "vitest";
import { userTopic } from "@parley/protocol/events";
import { as } from "../testing/callers.ts";
import { createTestChannel, sendTestMessages } from "../testing/channels.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts, type TestPorts } from "../testing/personas.ts";
import { markRead, markUnread } from "./reads.service.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;

beforeEach(() => {
  ports = createTestPorts(context.database.prisma);
});

/** A channel with `count` messages from alice; bob is a member who has read nothing. */
async function channelWithMessages(count: number, isPrivate = false): Promise<string> {
  const channel = await createTestChannel(ports, context.people, { isPrivate, members: [context.people.bob] });
  await sendTestMessages(
    ports,
    context.people.alice,
    channel.id,
    Array.from({ length: count }, (_, index) => `m${index + 1}`),
  );
  ports.bus.published.length = 0;
  return channel.id;
}

async function bobsPosition(conversationId: string): Promise<bigint | undefined> {
  const row = await context.database.prisma.participant.findUnique({ where: { conversationId_userId: { conversationId, userId: context.people.bob.userId } } });
  return row?.lastReadSeq;
}

describe("markRead", () => {
  it("moves forward, never backwards, clamps to the last seq, and tells the user's other devices", async () => {
    const conversationId = await channelWithMessages(5);
    await expect(markRead(ports, as(context.people.bob), { conversationId, seq: 3 })).resolves.toEqual({ conversationId, lastReadSeq: 3, unreadCount: 2 });
    await expect(markRead(ports, as(context.people.bob), { conversationId, seq: 2 })).resolves.toEqual({ conversationId, lastReadSeq: 3, unreadCount: 2 });
    expect(await bobsPosition(conversationId)).toBe(3n);
    await expect(markRead(ports, as(context.people.bob), { conversationId, seq: 999 })).resolves.toEqual({ conversationId, lastReadSeq: 5, unreadCount: 0 });
    expect(ports.bus.published).toEqual([
      { topic: userTopic(context.people.bob.userId), event: { type: "read", conversationId, lastReadSeq: 3 } },
      { topic: userTopic(context.people.bob.userId), event: { type: "read", conversationId, lastReadSeq: 5 } },
    ]);
  });

  it("never moves backwards under concurrent marks", async () => {
    const conversationId = await channelWithMessages(20);
    await Promise.all(Array.from({ length: 20 }, (_, index) => markRead(ports, as(context.people.bob), { conversationId, seq: 20 - index })));
    expect(await bobsPosition(conversationId)).toBe(20n);
  });

  it("refuses non-participants and bad seqs, changing nothing", async () => {
    const open = await channelWithMessages(2);
    const secret = await channelWithMessages(2, true);
    await expect(markRead(ports, as(context.people.mallory), { conversationId: open, seq: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(markRead(ports, as(context.people.mallory), { conversationId: secret, seq: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markRead(ports, as(context.people.oscar), { conversationId: open, seq: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const seq of [0, -1, 1.5, "x"]) {
      await expect(markRead(ports, as(context.people.bob), { conversationId: open, seq } as never)).rejects.toMatchObject({ code: "INVALID" });
    }
    expect(await bobsPosition(open)).toBe(0n);
    expect(await context.database.prisma.participant.count({ where: { userId: context.people.mallory.userId } })).toBe(0);
    expect(ports.bus.published).toEqual([]);
  });
});

describe("markUnread", () => {
  it("moves the position back to just before fromSeq", async () => {
    const conversationId = await channelWithMessages(6);
    await markRead(ports, as(context.people.bob), { conversationId, seq: 6 });
    await expect(markUnread(ports, as(context.people.bob), { conversationId, fromSeq: 4 })).resolves.toEqual({
      conversationId,
      lastReadSeq: 3,
      unreadCount: 3,
    });
    await expect(markUnread(ports, as(context.people.bob), { conversationId, fromSeq: 1 })).resolves.toEqual({
      conversationId,
      lastReadSeq: 0,
      unreadCount: 6,
    });
    expect(ports.bus.published.map((entry) => entry.event)).toEqual([
      { type: "read", conversationId, lastReadSeq: 6 },
      { type: "read", conversationId, lastReadSeq: 3 },
      { type: "read", conversationId, lastReadSeq: 0 },
    ]);
  });

  it("refuses non-participants", async () => {
    const secret = await channelWithMessages(2, true);
    await expect(markUnread(ports, as(context.people.mallory), { conversationId: secret, fromSeq: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("sending marks the sender's own message read", () => {
  it("keeps the sender's unread count at zero", async () => {
    const conversationId = await channelWithMessages(3);
    const alice = await context.database.prisma.participant.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId, userId: context.people.alice.userId } },
    });
    expect(alice.lastReadSeq).toBe(3n);
    expect(await bobsPosition(conversationId)).toBe(0n);
  });
});
