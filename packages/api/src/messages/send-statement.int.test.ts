/**
 * The send statement with several messages at once (what concurrent sends in
 * one process share, send-batching.ts): each message gets exactly the answer
 * it would get alone, and the batch's messages take their seqs in order.
 */
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { createMessageIdGenerator } from "@parley/db/ids";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel } from "../conversations/conversations.service.ts";
import { createPersonas, createTestPorts, type Personas } from "../conversations/testing/personas.ts";
import { conversationTopic } from "@parley/protocol/events";
import { insertMessages, type ClaimedMessage } from "./messages.repository.ts";
import { warmSendPath } from "./send-batching.ts";

let database: TestDatabase;
let people: Personas;
const ids = createMessageIdGenerator();

beforeAll(async () => {
  database = await createTestDatabase();
  people = await createPersonas(database.prisma);
});
afterAll(async () => {
  await database?.drop();
});

function claimed(conversationId: string, senderId: string, options: { clientMessageId?: string; body?: string; threadRootId?: bigint } = {}): ClaimedMessage {
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

async function channelWith(memberIds: string[]) {
  const ports = createTestPorts(database.prisma);
  return createChannel(ports, { userId: people.alice.userId }, { workspaceId: people.workspaceId, name: `batch-${randomUUID().slice(0, 8)}`, isPrivate: true, memberIds });
}

describe("insertMessages: a batch", () => {
  it("gives each conversation's messages the next seqs in batch order, marks each sender's read up to their last, and writes one outbox row per message with its seq", async () => {
    const [first, second] = [await channelWith([people.bob.userId]), await channelWith([people.bob.userId])];
    const batch = [
      claimed(first.id, people.alice.userId, { body: "a1" }),
      claimed(second.id, people.bob.userId, { body: "b1" }),
      claimed(first.id, people.bob.userId, { body: "a2" }),
      claimed(first.id, people.alice.userId, { body: "a3" }),
      claimed(second.id, people.alice.userId, { body: "b2" }),
    ];
    const results = await insertMessages(database.prisma, batch);
    expect(results.map((result) => (result?.stored ? Number(result.stored.seq) : null))).toEqual([1, 1, 2, 3, 2]);

    const stored = await database.prisma.message.findMany({ where: { conversationId: { in: [first.id, second.id] } }, orderBy: [{ conversationId: "asc" }, { seq: "asc" }] });
    const bodiesOf = (conversationId: string) => stored.filter((row) => row.conversationId === conversationId).map((row) => row.body);
    expect(bodiesOf(first.id)).toEqual(["a1", "a2", "a3"]);
    expect(bodiesOf(second.id)).toEqual(["b1", "b2"]);
    const conversations = await database.prisma.conversation.findMany({ where: { id: { in: [first.id, second.id] } }, select: { id: true, lastSeq: true } });
    expect(Object.fromEntries(conversations.map((row) => [row.id, Number(row.lastSeq)]))).toEqual({ [first.id]: 3, [second.id]: 2 });

    const readOf = async (conversationId: string, userId: string) =>
      Number((await database.prisma.participant.findUniqueOrThrow({ where: { conversationId_userId: { conversationId, userId } } })).lastReadSeq);
    expect(await readOf(first.id, people.alice.userId)).toBe(3);
    expect(await readOf(first.id, people.bob.userId)).toBe(2);

    const outboxIds = results.map((result) => result?.stored?.outboxId as bigint);
    const outbox = await database.prisma.outbox.findMany({ where: { id: { in: outboxIds } } });
    for (const [index, message] of batch.entries()) {
      const row = outbox.find((candidate) => candidate.id === outboxIds[index]);
      const payload = row?.payload as { message: { id: string; seq: number; senderName: string } };
      expect(payload.message).toMatchObject({ id: message.id.toString(), seq: Number(results[index]?.stored?.seq) });
      expect(payload.message.senderName).toBe(message.senderId === people.alice.userId ? people.alice.name : people.bob.name);
    }
  });

  it("answers each message on its own: a refused one, a missing conversation and a repeated clientMessageId take no seq and do not disturb the others", async () => {
    const channel = await channelWith([people.bob.userId]);
    const repeated = `repeat-${randomUUID()}`;
    const batch = [
      claimed(channel.id, people.alice.userId, { clientMessageId: repeated, body: "original" }),
      claimed(channel.id, people.carol.userId, { body: "outsider" }),
      claimed(randomUUID(), people.alice.userId, { body: "nowhere" }),
      claimed(channel.id, people.alice.userId, { clientMessageId: repeated, body: "retry" }),
      claimed(channel.id, people.bob.userId, { body: "reply to nothing", threadRootId: ids.next(new Date()) }),
      claimed(channel.id, people.bob.userId, { body: "after" }),
    ];
    const results = await insertMessages(database.prisma, batch);

    expect(results[0]?.stored?.seq).toBe(1n);
    expect(results[1]).toMatchObject({ stored: null, viewer: { participantRole: null } });
    expect(results[2]).toBeNull();
    expect(results[3]).toMatchObject({ stored: null, isThreadRootValid: true, viewer: { participantRole: "owner" } });
    expect(results[4]).toMatchObject({ stored: null, isThreadRootValid: false });
    expect(results[5]?.stored?.seq).toBe(2n);
    const stored = await database.prisma.message.findMany({ where: { conversationId: channel.id }, orderBy: { seq: "asc" }, select: { body: true } });
    expect(stored.map((row) => row.body)).toEqual(["original", "after"]);
    const claim = await database.prisma.messageIdempotency.findUniqueOrThrow({ where: { senderId_clientMessageId: { senderId: people.alice.userId, clientMessageId: repeated } } });
    expect(claim.messageId).toBe(batch[0]?.id);
  });

  it("marks the outbox rows it is handed as published, on the way", async () => {
    const channel = await channelWith([people.bob.userId]);
    const [earlier] = await insertMessages(database.prisma, [claimed(channel.id, people.alice.userId)]);
    const earlierOutboxId = earlier?.stored?.outboxId as bigint;
    const publishedAt = new Date("2026-12-02T12:00:00Z");
    const [later] = await insertMessages(database.prisma, [claimed(channel.id, people.bob.userId)], { ids: [earlierOutboxId], publishedAt, onError: () => undefined });
    const rows = await database.prisma.outbox.findMany({ where: { id: { in: [earlierOutboxId, later?.stored?.outboxId as bigint] } }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.publishedAt)).toEqual([publishedAt, null]);
  });

  it("warming the send path writes nothing", async () => {
    const counts = async () => Promise.all([database.prisma.message.count(), database.prisma.outbox.count(), database.prisma.messageIdempotency.count()]);
    const before = await counts();
    await expect(insertMessages(database.prisma, [])).resolves.toEqual([]);
    await warmSendPath(database.prisma, 3);
    expect(await counts()).toEqual(before);
  });
});
