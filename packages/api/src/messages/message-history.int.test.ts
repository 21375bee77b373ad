import { beforeAll, describe, expect, it } from "vitest";
import { as } from "../testing/callers.ts";
import { createTestChannel } from "../testing/channels.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts, type TestPorts } from "../testing/personas.ts";
import { deleteMessage } from "./message-changes.service.ts";
import { listMessages } from "./message-history.service.ts";
import { sendMessage } from "./messages.service.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;
let channelId: string;
let secretId: string;
const rootIds: string[] = [];

/** seqs 1..30 in one channel; every 10th message (seq 10, 20, 30) is a reply to seq 1; seq 5 is deleted. */
beforeAll(async () => {
  ports = createTestPorts(context.database.prisma);
  const channel = await createTestChannel(ports, context.people, { name: "history", members: [context.people.bob] });
  channelId = channel.id;
  for (let n = 1; n <= 30; n += 1) {
    const threadRootId = n % 10 === 0 ? rootIds[0] : undefined;
    const sent = await sendMessage(ports, as(n % 2 ? context.people.alice : context.people.bob), {
      conversationId: channelId,
      clientMessageId: `h${n}`,
      body: `message ${n}`,
      threadRootId,
    });
    if (!threadRootId) rootIds.push(sent.message.id);
    if (n === 5) await deleteMessage(ports, as(context.people.alice), { conversationId: channelId, messageId: sent.message.id });
  }
  const secret = await createTestChannel(ports, context.people, { name: "history-secret", isPrivate: true });
  secretId = secret.id;
  await sendMessage(ports, as(context.people.alice), { conversationId: secretId, clientMessageId: "s1", body: "canary-secret" });
});

const seqs = (page: { messages: { seq: number }[] }) => page.messages.map((message) => message.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe("listMessages", () => {
  it("returns the newest page ascending, with hasMoreBefore", async () => {
    const page = await listMessages(ports, as(context.people.bob), { conversationId: channelId, limit: 10 });
    expect(seqs(page)).toEqual(range(21, 30));
    expect(page).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
    const all = await listMessages(ports, as(context.people.bob), { conversationId: channelId });
    expect(seqs(all)).toEqual(range(1, 30));
    expect(all).toMatchObject({ hasMoreBefore: false, hasMoreAfter: false });
  });

  it("pages backwards with before (exclusive) and forwards with after (exclusive)", async () => {
    const older = await listMessages(ports, as(context.people.bob), { conversationId: channelId, before: 21, limit: 10 });
    expect(seqs(older)).toEqual(range(11, 20));
    expect(older).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
    const oldest = await listMessages(ports, as(context.people.bob), { conversationId: channelId, before: "11", limit: 10 });
    expect(seqs(oldest)).toEqual(range(1, 10));
    expect(oldest).toMatchObject({ hasMoreBefore: false, hasMoreAfter: true });
    const resync = await listMessages(ports, as(context.people.bob), { conversationId: channelId, after: 25, limit: 3 });
    expect(seqs(resync)).toEqual([26, 27, 28]);
    expect(resync).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
    const caughtUp = await listMessages(ports, as(context.people.bob), { conversationId: channelId, after: 30 });
    expect(caughtUp).toEqual({ messages: [], hasMoreBefore: true, hasMoreAfter: false });
  });

  it("centres a window on around, which is included", async () => {
    const page = await listMessages(ports, as(context.people.bob), { conversationId: channelId, around: 15, limit: 6 });
    expect(seqs(page)).toEqual([12, 13, 14, 15, 16, 17]);
    expect(page).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
    const atStart = await listMessages(ports, as(context.people.bob), { conversationId: channelId, around: 1, limit: 4 });
    expect(seqs(atStart)).toEqual([1, 2]);
    expect(atStart).toMatchObject({ hasMoreBefore: false, hasMoreAfter: true });
  });

  it("shows tombstones without text, sender names and reply counts", async () => {
    const page = await listMessages(ports, as(context.people.bob), { conversationId: channelId, before: 7, limit: 3 });
    expect(page.messages.map((message) => [message.seq, message.body, message.isDeleted])).toEqual([
      [4, "message 4", false],
      [5, "", true],
      [6, "message 6", false],
    ]);
    const first = (await listMessages(ports, as(context.people.bob), { conversationId: channelId, around: 1, limit: 1 })).messages[0];
    expect(first).toMatchObject({ seq: 1, replyCount: 3, senderName: context.people.alice.name, threadRootId: null });
  });

  it("lists the main timeline without replies, or one thread's replies", async () => {
    const timeline = await listMessages(ports, as(context.people.bob), { conversationId: channelId, topLevelOnly: true, limit: 200 });
    expect(seqs(timeline)).toEqual(range(1, 30).filter((seq) => seq % 10 !== 0));
    const thread = await listMessages(ports, as(context.people.bob), { conversationId: channelId, threadRootId: rootIds[0] });
    expect(seqs(thread)).toEqual([10, 20, 30]);
    expect(thread).toMatchObject({ hasMoreBefore: false, hasMoreAfter: false });
  });

  it("lets a workspace member preview a public channel, but not a private one or an outsider", async () => {
    await expect(listMessages(ports, as(context.people.mallory), { conversationId: channelId, limit: 1 })).resolves.toMatchObject({ messages: [{ seq: 30 }] });
    await expect(listMessages(ports, as(context.people.mallory), { conversationId: secretId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listMessages(ports, as(context.people.oscar), { conversationId: channelId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listMessages(ports, as(context.people.gwen), { conversationId: channelId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    ["limit 0", { limit: 0 }],
    ["limit 201", { limit: 201 }],
    ["a fractional limit", { limit: 2.5 }],
    ["a cursor of 0", { before: 0 }],
    ["a negative cursor", { after: -1 }],
    ["a fractional cursor", { before: 1.5 }],
    ["a non-numeric cursor", { before: "abc" }],
    ["a cursor beyond 2^53", { after: "9007199254740993" }],
    ["two cursors at once", { before: 5, after: 1 }],
    ["a malformed thread id", { threadRootId: "12abc" }],
  ])("refuses %s with INVALID", async (_label, override) => {
    await expect(listMessages(ports, as(context.people.bob), { conversationId: channelId, ...override } as never)).rejects.toMatchObject({ code: "INVALID" });
  });
});
