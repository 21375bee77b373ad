import { beforeEach, describe, expect, it } from "vitest";
import { conversationTopic, type BusEvent } from "@parley/protocol/events";
import { relayOutbox } from "../bus/outbox.ts";
import { archiveChannel } from "../conversations/channel-membership.service.ts";
import { as } from "../testing/callers.ts";
import { createTestChannel } from "../testing/channels.ts";
import { unique } from "../testing/names.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { assertPremise, createTestPorts, type TestPorts } from "../testing/personas.ts";
import { editMessage } from "./message-changes.service.ts";
import { sendMessage } from "./messages.service.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;

beforeEach(() => {
  ports = createTestPorts(context.database.prisma);
});

/** Alice's channel, with bob in it unless told otherwise. */
function newChannel(options: { isPrivate?: boolean; memberIds?: string[] } = {}) {
  const members = (options.memberIds ?? [context.people.bob.userId]).map((userId) => ({ userId }));
  return createTestChannel(ports, context.people, { isPrivate: options.isPrivate, members });
}

/** Everything a send could change, to prove a failed one changed nothing. */
async function snapshot(conversationId: string) {
  const [messages, conversation, claims, outbox, mentions] = await Promise.all([
    context.database.prisma.message.count({ where: { conversationId } }),
    context.database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { lastSeq: true, lastMessageAt: true } }),
    context.database.prisma.messageIdempotency.count(),
    context.database.prisma.outbox.count(),
    context.database.prisma.mention.count(),
  ]);
  return { messages, conversation, claims, outbox, mentions };
}

describe("sendMessage: ordering under concurrency", () => {
  it("gives 20 concurrent senders × 50 messages the seqs 1..1000, gapless, unique, FIFO per sender", { timeout: 180_000 }, async () => {
    const senders = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const user = await context.database.prisma.user.create({ data: { name: `Sender ${index}`, email: `sender-${index}@example.test` } });
        await context.database.prisma.membership.create({ data: { workspaceId: context.people.workspaceId, userId: user.id } });
        return user.id;
      }),
    );
    const channel = await newChannel({ memberIds: senders });
    ports.bus.published.length = 0;

    const acks = await Promise.all(
      senders.map(async (senderId, senderIndex) => {
        const seqs: number[] = [];
        for (let n = 0; n < 50; n += 1) {
          const result = await sendMessage(
            ports,
            { userId: senderId },
            { conversationId: channel.id, clientMessageId: `s${senderIndex}-m${n}`, body: `${senderIndex}:${n}` },
          );
          seqs.push(result.message.seq);
        }
        return seqs;
      }),
    );

    const stored = await context.database.prisma.message.findMany({
      where: { conversationId: channel.id },
      orderBy: { seq: "asc" },
      select: { seq: true, body: true, senderId: true },
    });
    expect(stored.map((row) => Number(row.seq))).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
    // FIFO per sender: each sender's n-th message has a higher seq than its (n-1)-th.
    for (const [senderIndex, seqs] of acks.entries()) {
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const bodies = stored.filter((row) => row.senderId === senders[senderIndex]).map((row) => row.body);
      expect(bodies).toEqual(Array.from({ length: 50 }, (_, n) => `${senderIndex}:${n}`));
    }
    const conversation = await context.database.prisma.conversation.findUniqueOrThrow({ where: { id: channel.id } });
    expect(conversation.lastSeq).toBe(1000n);
    // One event per send, on the conversation's topic.
    expect(ports.bus.published).toHaveLength(1000);
    expect(new Set(ports.bus.published.map((entry) => entry.topic))).toEqual(new Set([conversationTopic(channel.id)]));
    const eventSeqs = ports.bus.published.map((entry) => (entry.event.type === "message.created" ? entry.event.message.seq : -1));
    expect(new Set(eventSeqs).size).toBe(1000);
  });

  it("stores one message when the same clientMessageId is sent 20× concurrently, and answers all 20 with it", async () => {
    const channel = await newChannel();
    ports.bus.published.length = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        sendMessage(ports, as(context.people.bob), { conversationId: channel.id, clientMessageId: "retry-me", body: "hello once" }),
      ),
    );
    const answers = new Set(results.map((result) => `${result.message.id}/${result.message.seq}`));
    expect(answers.size).toBe(1);
    expect(results.filter((result) => !result.isReplay)).toHaveLength(1);
    expect(await context.database.prisma.message.count({ where: { conversationId: channel.id } })).toBe(1);
    const conversation = await context.database.prisma.conversation.findUniqueOrThrow({ where: { id: channel.id } });
    expect(conversation.lastSeq).toBe(1n);
    expect(ports.bus.published).toHaveLength(1);

    // A later retry still gets the original, and the next new message takes seq 2.
    const late = await sendMessage(ports, as(context.people.bob), { conversationId: channel.id, clientMessageId: "retry-me", body: "hello once" });
    expect(late).toMatchObject({ isReplay: true, message: { id: results[0]?.message.id, seq: 1 } });
    const next = await sendMessage(ports, as(context.people.bob), { conversationId: channel.id, clientMessageId: "next", body: "second" });
    expect(next.message.seq).toBe(2);
  });
});

describe("sendMessage: events", () => {
  it("publishes message.created once, after commit, with the stored message", async () => {
    const channel = await newChannel();
    const seenInDatabase: boolean[] = [];
    ports = createTestPorts(context.database.prisma, {
      bus: {
        // Runs on the test's own connection: it sees the row only if the send committed.
        beforePublish: async (_topic, event) => {
          if (event.type !== "message.created") return;
          const count = await context.database.prisma.message.count({ where: { conversationId: channel.id, id: BigInt(event.message.id) } });
          seenInDatabase.push(count === 1);
        },
      },
    });
    const result = await sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: "evt", body: "  hi @channel  " });
    expect(seenInDatabase).toEqual([true]);
    const expected: BusEvent = { type: "message.created", conversationId: channel.id, message: result.message, clientMessageId: "evt" };
    expect(ports.bus.published).toEqual([{ topic: conversationTopic(channel.id), event: expected }]);
    expect(result.message).toMatchObject({ body: "  hi @channel", senderName: context.people.alice.name, seq: 1, isDeleted: false, replyCount: 0 });
    const outbox = await context.database.prisma.outbox.findMany({ where: { topic: conversationTopic(channel.id) } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.payload).toEqual(expected);
    // The published mark is written behind (bus/outbox-marks.ts), within MARK_DELAY_MS.
    await expect
      .poll(async () => (await context.database.prisma.outbox.findUniqueOrThrow({ where: { id: outbox[0]?.id } })).publishedAt, { timeout: 2_000 })
      .not.toBeNull();
  });

  it("does not fail a committed send when publishing fails; the relay publishes it later", async () => {
    const channel = await newChannel();
    let isBrokerDown = true;
    ports = createTestPorts(context.database.prisma, { bus: { failWith: () => (isBrokerDown ? new Error("broker down") : null) } });
    const result = await sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: "durable", body: "still stored" });
    expect(result.message.seq).toBe(1);
    expect(await context.database.prisma.message.count({ where: { conversationId: channel.id } })).toBe(1);
    const pending = await context.database.prisma.outbox.findMany({ where: { topic: conversationTopic(channel.id), publishedAt: null } });
    expect(pending).toHaveLength(1);
    expect(ports.bus.published).toEqual([]);

    isBrokerDown = false;
    expect(await relayOutbox(ports, { minAgeMs: 0 })).toBeGreaterThanOrEqual(1);
    expect(ports.bus.published.filter((entry) => entry.topic === conversationTopic(channel.id)).map((entry) => entry.event)).toEqual([
      { type: "message.created", conversationId: channel.id, message: result.message, clientMessageId: "durable" },
    ]);
    expect(await context.database.prisma.outbox.count({ where: { topic: conversationTopic(channel.id), publishedAt: null } })).toBe(0);
  });
});

describe("sendMessage: refusals change nothing and publish nothing", () => {
  it.each([
    ["an empty body", { body: "   \n " }, "INVALID"],
    ["a body over 40,000 characters", { body: "x".repeat(40_001) }, "INVALID"],
    ["a NUL character", { body: "a\u0000b" }, "INVALID"],
    ["a lone surrogate", { body: "broken \uD800 text" }, "INVALID"],
    ["an unknown key", { body: "hi", senderId: "00000000-0000-4000-8000-000000000000" }, "INVALID"],
    ["a malformed clientMessageId", { body: "hi", clientMessageId: "has space" }, "INVALID"],
    ["a thread root that does not exist", { body: "hi", threadRootId: "123456789" }, "NOT_FOUND"],
  ])("%s", async (_label, override, code) => {
    const channel = await newChannel();
    await sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: unique("seed"), body: "seed" });
    ports.bus.published.length = 0;
    const before = await snapshot(channel.id);
    const input = { conversationId: channel.id, clientMessageId: unique("c"), ...override };
    await expect(sendMessage(ports, as(context.people.alice), input as never)).rejects.toMatchObject({ code });
    expect(await snapshot(channel.id)).toEqual(before);
    expect(ports.bus.published).toEqual([]);
  });

  it("accepts exactly 40,000 characters after trimming trailing whitespace", async () => {
    const channel = await newChannel();
    const result = await sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: "max", body: `${"y".repeat(40_000)}   ` });
    expect(result.message.body).toHaveLength(40_000);
  });

  it("refuses non-members (NOT_FOUND for private, FORBIDDEN for public), archived channels and unknown conversations", async () => {
    const secret = await newChannel({ isPrivate: true });
    const open = await newChannel();
    const archived = await newChannel();
    await archiveChannel(ports, as(context.people.alice), { conversationId: archived.id });
    assertPremise(
      (await context.database.prisma.participant.count({ where: { userId: context.people.mallory.userId } })) === 0,
      "mallory is in no conversation",
    );
    ports.bus.published.length = 0;
    const cases: [string, { userId: string }, string][] = [
      [secret.id, as(context.people.mallory), "NOT_FOUND"],
      [open.id, as(context.people.mallory), "FORBIDDEN"],
      [open.id, as(context.people.oscar), "NOT_FOUND"],
      [archived.id, as(context.people.alice), "FORBIDDEN"],
      ["00000000-0000-4000-8000-000000000000", as(context.people.alice), "NOT_FOUND"],
    ];
    for (const [conversationId, actor, code] of cases) {
      const before = await context.database.prisma.conversation.findUnique({ where: { id: conversationId } });
      await expect(sendMessage(ports, actor, { conversationId, clientMessageId: unique("x"), body: "let me in" })).rejects.toMatchObject({ code });
      expect(await context.database.prisma.conversation.findUnique({ where: { id: conversationId } })).toEqual(before);
    }
    expect(await context.database.prisma.message.count({ where: { body: "let me in" } })).toBe(0);
    expect(
      await context.database.prisma.messageIdempotency.count({ where: { senderId: { in: [context.people.mallory.userId, context.people.oscar.userId] } } }),
    ).toBe(0);
    expect(ports.bus.published).toEqual([]);
  });

  it("refuses a clientMessageId already used in another conversation", async () => {
    const first = await newChannel();
    const second = await newChannel();
    await sendMessage(ports, as(context.people.alice), { conversationId: first.id, clientMessageId: "shared-id", body: "one" });
    const before = await snapshot(second.id);
    await expect(sendMessage(ports, as(context.people.alice), { conversationId: second.id, clientMessageId: "shared-id", body: "two" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await snapshot(second.id)).toEqual(before);
  });

  it("rate-limits a sender past the burst and stores nothing for the refused send", async () => {
    const channel = await newChannel();
    ports = createTestPorts(context.database.prisma, { sendRate: { ratePerSecond: 0.001, burst: 3 } });
    for (let n = 0; n < 3; n += 1) {
      await sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: `rl-${n}`, body: `${n}` });
    }
    const before = await snapshot(channel.id);
    await expect(sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: "rl-4", body: "too fast" })).rejects.toMatchObject(
      {
        code: "RATE_LIMITED",
      },
    );
    expect(await snapshot(channel.id)).toEqual(before);
    // Another sender has a bucket of their own.
    await expect(sendMessage(ports, as(context.people.bob), { conversationId: channel.id, clientMessageId: "rl-bob", body: "fine" })).resolves.toMatchObject({
      message: { conversationId: channel.id, senderId: context.people.bob.userId, body: "fine" },
    });
  });
});

describe("sendMessage: threads and mentions", () => {
  it("accepts replies to a root of the same conversation only", async () => {
    const channel = await newChannel();
    const other = await newChannel();
    const root = await sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: unique("root"), body: "root" });
    const reply = await sendMessage(ports, as(context.people.bob), {
      conversationId: channel.id,
      clientMessageId: unique("reply"),
      body: "reply",
      threadRootId: root.message.id,
    });
    expect(reply.message).toMatchObject({ threadRootId: root.message.id, seq: 2 });
    await expect(
      sendMessage(ports, as(context.people.bob), { conversationId: channel.id, clientMessageId: unique("r"), body: "nested", threadRootId: reply.message.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      sendMessage(ports, as(context.people.bob), { conversationId: other.id, clientMessageId: unique("r"), body: "cross", threadRootId: root.message.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("records mentions of participants by handle, plus @channel and @here, never of outsiders or the sender", async () => {
    const channel = await newChannel({ memberIds: [context.people.bob.userId, context.people.carol.userId] });
    const bobHandle = context.people.bob.email.split("@")[0];
    const malloryHandle = context.people.mallory.email.split("@")[0];
    const result = await sendMessage(ports, as(context.people.alice), {
      conversationId: channel.id,
      clientMessageId: unique("m"),
      body: `@${bobHandle} @carol @${malloryHandle} @alice.smith @here \`@channel\``,
    });
    const mentions = await context.database.prisma.mention.findMany({ where: { conversationId: channel.id, messageId: BigInt(result.message.id) } });
    expect(mentions.map((mention) => [mention.kind, mention.userId]).sort()).toEqual(
      [
        ["here", null],
        ["user", context.people.bob.userId],
        ["user", context.people.carol.userId],
      ].sort(),
    );
  });

  it("stores a send's mentions with the message, and none again for a retry of it", async () => {
    const channel = await newChannel({ memberIds: [context.people.bob.userId, context.people.carol.userId] });
    const input = { conversationId: channel.id, clientMessageId: unique("m"), body: "@carol @channel look" };
    const first = await sendMessage(ports, as(context.people.bob), input);
    const mentionsOf = () =>
      context.database.prisma.mention.findMany({ where: { conversationId: channel.id }, select: { messageId: true, kind: true, userId: true } });
    const stored = await mentionsOf();
    expect(stored.map((mention) => [mention.kind, mention.userId]).sort()).toEqual(
      [
        ["channel", null],
        ["user", context.people.carol.userId],
      ].sort(),
    );
    expect(stored.every((mention) => mention.messageId === BigInt(first.message.id))).toBe(true);

    const retry = await sendMessage(ports, as(context.people.bob), input);
    expect(retry).toMatchObject({ isReplay: true, message: { id: first.message.id, seq: first.message.seq } });
    expect(await mentionsOf()).toEqual(stored);
  });

  it("stores no mention rows for a refused send (an outsider, an archived channel)", async () => {
    const channel = await newChannel({ memberIds: [context.people.bob.userId] });
    await sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: unique("seed"), body: "seed" });
    assertPremise(
      (await context.database.prisma.participant.count({ where: { conversationId: channel.id, userId: context.people.mallory.userId } })) === 0,
      "mallory must be outside the channel",
    );
    const before = await snapshot(channel.id);
    const mentioning = { conversationId: channel.id, body: "@bob @channel @here" };
    await expect(sendMessage(ports, as(context.people.mallory), { ...mentioning, clientMessageId: unique("m") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await archiveChannel(ports, as(context.people.alice), { conversationId: channel.id });
    const archived = await snapshot(channel.id);
    await expect(sendMessage(ports, as(context.people.alice), { ...mentioning, clientMessageId: unique("m") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(channel.id)).toEqual(archived);
    expect(archived.mentions).toBe(before.mentions);
    expect(archived.messages).toBe(before.messages);
  });

  it("resolves an edit's mentions with the same rule as a send's: the new text's, of participants only", async () => {
    const channel = await newChannel({ memberIds: [context.people.bob.userId, context.people.carol.userId] });
    const sent = await sendMessage(ports, as(context.people.alice), { conversationId: channel.id, clientMessageId: unique("m"), body: "@bob first" });
    await editMessage(ports, as(context.people.alice), { conversationId: channel.id, messageId: sent.message.id, body: "@carol @mallory @channel second" });
    const mentions = await context.database.prisma.mention.findMany({ where: { conversationId: channel.id, messageId: BigInt(sent.message.id) } });
    expect(mentions.map((mention) => [mention.kind, mention.userId]).sort()).toEqual(
      [
        ["channel", null],
        ["user", context.people.carol.userId],
      ].sort(),
    );
  });
});
