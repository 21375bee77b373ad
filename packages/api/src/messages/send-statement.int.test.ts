/**
 * The send statement with several messages at once (what concurrent sends in
 * one process share, send-batching.ts): each message gets exactly the answer
 * it would get alone, and the batch's messages take their seqs in order.
 */
import { randomUUID } from "node:crypto";
import { createMessageIdGenerator } from "@parley/db/ids";
import { describe, expect, it } from "vitest";
import { createChannel } from "../conversations/conversations.service.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts } from "../testing/personas.ts";
import { insertMessages } from "./messages.repository.ts";
import { claimedMessage } from "./testing/claimed-message.ts";
import { warmSendPath } from "./send-batching.ts";

const context = personaDatabaseForThisFile();
// For a thread root that does not exist.
const ids = createMessageIdGenerator();

async function channelWith(memberIds: string[]) {
  const ports = createTestPorts(context.database.prisma);
  return createChannel(
    ports,
    { userId: context.people.alice.userId },
    { workspaceId: context.people.workspaceId, name: `batch-${randomUUID().slice(0, 8)}`, isPrivate: true, memberIds },
  );
}

describe("insertMessages: a batch", () => {
  it("gives each conversation's messages the next seqs in batch order, marks each sender's read up to their last, and writes one outbox row per message with its seq", async () => {
    const [first, second] = [await channelWith([context.people.bob.userId]), await channelWith([context.people.bob.userId])];
    const batch = [
      claimedMessage(first.id, context.people.alice.userId, { body: "a1" }),
      claimedMessage(second.id, context.people.bob.userId, { body: "b1" }),
      claimedMessage(first.id, context.people.bob.userId, { body: "a2" }),
      claimedMessage(first.id, context.people.alice.userId, { body: "a3" }),
      claimedMessage(second.id, context.people.alice.userId, { body: "b2" }),
    ];
    const results = await insertMessages(context.database.prisma, batch);
    expect(results.map((result) => (result?.stored ? Number(result.stored.seq) : null))).toEqual([1, 1, 2, 3, 2]);

    const stored = await context.database.prisma.message.findMany({
      where: { conversationId: { in: [first.id, second.id] } },
      orderBy: [{ conversationId: "asc" }, { seq: "asc" }],
    });
    const bodiesOf = (conversationId: string) => stored.filter((row) => row.conversationId === conversationId).map((row) => row.body);
    expect(bodiesOf(first.id)).toEqual(["a1", "a2", "a3"]);
    expect(bodiesOf(second.id)).toEqual(["b1", "b2"]);
    const conversations = await context.database.prisma.conversation.findMany({
      where: { id: { in: [first.id, second.id] } },
      select: { id: true, lastSeq: true },
    });
    expect(Object.fromEntries(conversations.map((row) => [row.id, Number(row.lastSeq)]))).toEqual({ [first.id]: 3, [second.id]: 2 });

    const readOf = async (conversationId: string, userId: string) =>
      Number((await context.database.prisma.participant.findUniqueOrThrow({ where: { conversationId_userId: { conversationId, userId } } })).lastReadSeq);
    expect(await readOf(first.id, context.people.alice.userId)).toBe(3);
    expect(await readOf(first.id, context.people.bob.userId)).toBe(2);

    const outboxIds = results.map((result) => result?.stored?.outboxId as bigint);
    const outbox = await context.database.prisma.outbox.findMany({ where: { id: { in: outboxIds } } });
    for (const [index, message] of batch.entries()) {
      const row = outbox.find((candidate) => candidate.id === outboxIds[index]);
      const payload = row?.payload as { message: { id: string; seq: number; senderName: string } };
      expect(payload.message).toMatchObject({ id: message.id.toString(), seq: Number(results[index]?.stored?.seq) });
      expect(payload.message.senderName).toBe(message.senderId === context.people.alice.userId ? context.people.alice.name : context.people.bob.name);
    }
  });

  it("answers each message on its own: a refused one, a missing conversation and a repeated clientMessageId take no seq and do not disturb the others", async () => {
    const channel = await channelWith([context.people.bob.userId]);
    const repeated = `repeat-${randomUUID()}`;
    const batch = [
      claimedMessage(channel.id, context.people.alice.userId, { clientMessageId: repeated, body: "original" }),
      claimedMessage(channel.id, context.people.carol.userId, { body: "outsider" }),
      claimedMessage(randomUUID(), context.people.alice.userId, { body: "nowhere" }),
      claimedMessage(channel.id, context.people.alice.userId, { clientMessageId: repeated, body: "retry" }),
      claimedMessage(channel.id, context.people.bob.userId, { body: "reply to nothing", threadRootId: ids.next(new Date()) }),
      claimedMessage(channel.id, context.people.bob.userId, { body: "after" }),
    ];
    const results = await insertMessages(context.database.prisma, batch);

    expect(results[0]?.stored?.seq).toBe(1n);
    expect(results[1]).toMatchObject({ stored: null, viewer: { participantRole: null } });
    expect(results[2]).toBeNull();
    expect(results[3]).toMatchObject({ stored: null, isThreadRootValid: true, viewer: { participantRole: "owner" } });
    expect(results[4]).toMatchObject({ stored: null, isThreadRootValid: false });
    expect(results[5]?.stored?.seq).toBe(2n);
    const stored = await context.database.prisma.message.findMany({ where: { conversationId: channel.id }, orderBy: { seq: "asc" }, select: { body: true } });
    expect(stored.map((row) => row.body)).toEqual(["original", "after"]);
    const claim = await context.database.prisma.messageIdempotency.findUniqueOrThrow({
      where: { senderId_clientMessageId: { senderId: context.people.alice.userId, clientMessageId: repeated } },
    });
    expect(claim.messageId).toBe(batch[0]?.id);
  });

  it("writes the mentions of the messages it inserts, and only of those: none for a refused message or a repeated clientMessageId", async () => {
    const channel = await channelWith([context.people.bob.userId]);
    const repeated = `repeat-${randomUUID()}`;
    const batch = [
      claimedMessage(channel.id, context.people.alice.userId, { clientMessageId: repeated, body: "@bob first" }),
      claimedMessage(channel.id, context.people.carol.userId, { body: "@bob from outside @channel" }),
      claimedMessage(channel.id, context.people.alice.userId, { clientMessageId: repeated, body: "@bob @here retry" }),
      claimedMessage(channel.id, context.people.bob.userId, { body: `@${context.people.alice.email.split("@")[0]} @carol @here` }),
    ];
    const results = await insertMessages(context.database.prisma, batch);
    expect(results.map((result) => result?.stored?.seq ?? null)).toEqual([1n, null, null, 2n]);

    const mentions = await context.database.prisma.mention.findMany({ where: { conversationId: channel.id }, orderBy: { id: "asc" } });
    // carol is no participant: "@carol" mentions nobody.
    expect(mentions.map((mention) => [mention.messageId, mention.kind, mention.userId])).toEqual([
      [batch[0]?.id, "user", context.people.bob.userId],
      [batch[3]?.id, "user", context.people.alice.userId],
      [batch[3]?.id, "here", null],
    ]);
  });

  it("marks the outbox rows it is handed as published, on the way", async () => {
    const channel = await channelWith([context.people.bob.userId]);
    const [earlier] = await insertMessages(context.database.prisma, [claimedMessage(channel.id, context.people.alice.userId)]);
    const earlierOutboxId = earlier?.stored?.outboxId as bigint;
    const publishedAt = new Date("2026-12-02T12:00:00Z");
    const [later] = await insertMessages(context.database.prisma, [claimedMessage(channel.id, context.people.bob.userId)], {
      ids: [earlierOutboxId],
      publishedAt,
      onError: () => undefined,
    });
    const rows = await context.database.prisma.outbox.findMany({
      where: { id: { in: [earlierOutboxId, later?.stored?.outboxId as bigint] } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => row.publishedAt)).toEqual([publishedAt, null]);
  });

  it("warming the send path writes nothing", async () => {
    const counts = async () =>
      Promise.all([
        context.database.prisma.message.count(),
        context.database.prisma.outbox.count(),
        context.database.prisma.messageIdempotency.count(),
        context.database.prisma.mention.count(),
      ]);
    const before = await counts();
    await expect(insertMessages(context.database.prisma, [])).resolves.toEqual([]);
    await warmSendPath(context.database.prisma, 3);
    expect(await counts()).toEqual(before);
  });
});
