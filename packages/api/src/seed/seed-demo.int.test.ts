import { messageIdTime } from "@parley/db/ids";
import { databaseForThisFile } from "@parley/db/testing/database";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/password.ts";
import { seedDemoWorkspace, type SeedDemoResult } from "./seed-demo.ts";

const database = databaseForThisFile();
let firstRun: SeedDemoResult;
const logLines: string[] = [];

beforeAll(async () => {
  firstRun = await seedDemoWorkspace(database.prisma, { log: (line) => logLines.push(line) });
});

async function rowCounts() {
  const db = database.prisma;
  const [workspaces, users, memberships, conversations, participants, messages, reactions, mentions] = await Promise.all([
    db.workspace.count(),
    db.user.count(),
    db.membership.count(),
    db.conversation.count(),
    db.participant.count(),
    db.message.count(),
    db.reaction.count(),
    db.mention.count(),
  ]);
  return { workspaces, users, memberships, conversations, participants, messages, reactions, mentions };
}

describe("seedDemoWorkspace", () => {
  it("creates Acme with its people, channels, DMs and a few hundred messages", async () => {
    expect(firstRun).toEqual({ created: true, workspaceSlug: "acme", login: { email: "ana@acme.test", password: "parley-demo" } });
    const counts = await rowCounts();
    expect(counts).toMatchObject({ workspaces: 1, users: 6, memberships: 6, conversations: 8 });
    expect(counts.messages).toBeGreaterThanOrEqual(250);
    expect(counts.reactions).toBeGreaterThan(50);
    expect(counts.mentions).toBeGreaterThan(10);
    expect(logLines.at(-1)).toMatch(/seeded demo workspace "acme"/);

    const channels = await database.prisma.conversation.findMany({ where: { name: { not: null } }, orderBy: { name: "asc" } });
    expect(channels.map((channel) => [channel.name, channel.kind])).toEqual([
      ["design", "channel"],
      ["engineering", "private_channel"],
      ["general", "channel"],
      ["random", "channel"],
    ]);
    expect(channels.every((channel) => channel.topic.length > 0)).toBe(true);
    const directKinds = (await database.prisma.conversation.findMany({ where: { name: null } })).map((conversation) => conversation.kind).sort();
    expect(directKinds).toEqual(["dm", "dm", "dm", "group_dm"]);
  });

  it("does nothing the second time", async () => {
    const before = await rowCounts();
    expect(await seedDemoWorkspace(database.prisma)).toEqual({ ...firstRun, created: false });
    expect(await rowCounts()).toEqual(before);
  });

  it("numbers each conversation's messages 1..lastSeq in time order and records the last one", async () => {
    const conversations = await database.prisma.conversation.findMany({ include: { messages: { orderBy: { seq: "asc" } } } });
    for (const conversation of conversations) {
      const seqs = conversation.messages.map((message) => Number(message.seq));
      expect(seqs).toEqual(Array.from({ length: Number(conversation.lastSeq) }, (_, index) => index + 1));
      const times = conversation.messages.map((message) => message.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(conversation.lastMessageAt).toEqual(conversation.messages.at(-1)!.createdAt);
    }
  });

  it("derives ids from creation times, so rows sit in their monthly partitions", async () => {
    const messages = await database.prisma.message.findMany({ select: { id: true, createdAt: true } });
    for (const message of messages) expect(messageIdTime(message.id)).toEqual(message.createdAt);
    const inDefault = await database.prisma.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) AS count FROM "Message_default"`;
    expect(inDefault[0]!.count).toBe(0n);
    const oldest = messages.reduce((min, message) => Math.min(min, message.createdAt.getTime()), Infinity);
    const newest = messages.reduce((max, message) => Math.max(max, message.createdAt.getTime()), 0);
    expect(Date.now() - oldest).toBeGreaterThan(18 * 86_400_000);
    expect(Date.now() - oldest).toBeLessThan(23 * 86_400_000);
    expect(newest).toBeLessThan(Date.now());
  });

  it("keeps every participant, sender and reactor inside the workspace and the conversation", async () => {
    const db = database.prisma;
    const memberIds = new Set((await db.membership.findMany()).map((membership) => membership.userId));
    const participants = await db.participant.findMany({ include: { conversation: true } });
    const isParticipant = new Set(participants.map((participant) => `${participant.conversationId}:${participant.userId}`));
    expect(participants.every((participant) => memberIds.has(participant.userId))).toBe(true);

    const engineering = participants.filter((participant) => participant.conversation.name === "engineering");
    expect(engineering.length).toBe(4); // private: a subset of the six
    for (const message of await db.message.findMany()) expect(isParticipant.has(`${message.conversationId}:${message.senderId}`)).toBe(true);
    for (const reaction of await db.reaction.findMany()) expect(isParticipant.has(`${reaction.conversationId}:${reaction.userId}`)).toBe(true);
    for (const mention of await db.mention.findMany({ where: { kind: "user" } })) {
      expect(isParticipant.has(`${mention.conversationId}:${mention.userId}`)).toBe(true);
    }
  });

  it("threads replies under an earlier root of the same conversation", async () => {
    const messages = await database.prisma.message.findMany();
    const byId = new Map(messages.map((message) => [message.id, message]));
    const replies = messages.filter((message) => message.threadRootId !== null);
    expect(replies.length).toBeGreaterThan(50);
    for (const reply of replies) {
      const root = byId.get(reply.threadRootId!);
      expect(root?.conversationId).toBe(reply.conversationId);
      expect(root!.seq).toBeLessThan(reply.seq);
      expect(root!.threadRootId).toBeNull();
    }
  });

  it("has mentions that match the text, code blocks and links", async () => {
    const db = database.prisma;
    const ana = await db.user.findUniqueOrThrow({ where: { email: "ana@acme.test" } });
    const anaMentions = await db.mention.findMany({ where: { userId: ana.id } });
    expect(anaMentions.length).toBeGreaterThan(0);
    for (const mention of anaMentions) {
      const message = await db.message.findUniqueOrThrow({ where: { conversationId_id: { conversationId: mention.conversationId, id: mention.messageId } } });
      expect(message.body).toContain("@ana");
    }
    expect(await db.mention.count({ where: { kind: "channel" } })).toBeGreaterThan(0);
    expect(await db.message.count({ where: { body: { contains: "```" } } })).toBeGreaterThan(3);
    expect(await db.message.count({ where: { body: { contains: "https://" } } })).toBeGreaterThan(10);
  });

  it("leaves the demo login a few unread messages in two channels", async () => {
    const db = database.prisma;
    const ana = await db.user.findUniqueOrThrow({ where: { email: "ana@acme.test" } });
    const participations = await db.participant.findMany({ where: { userId: ana.id }, include: { conversation: true } });
    const unread = Object.fromEntries(
      participations.map((participant) => [
        participant.conversation.name ?? participant.conversation.kind,
        Number(participant.conversation.lastSeq - participant.lastReadSeq),
      ]),
    );
    expect(unread).toMatchObject({ general: 0, random: 0, engineering: 4, design: 2 });
    const others = await db.participant.findMany({ where: { userId: { not: ana.id } }, include: { conversation: true } });
    expect(others.every((participant) => participant.lastReadSeq === participant.conversation.lastSeq)).toBe(true);
  });

  it("lets every demo person sign in with the demo password", async () => {
    const users = await database.prisma.user.findMany();
    expect(users.map((user) => user.name).sort()).toEqual(["Ana Silva", "Ben Okafor", "Chen Wei", "Dara Murphy", "Eli Cohen", "Fatima Zahra"]);
    const ana = users.find((user) => user.email === firstRun.login.email)!;
    expect(await verifyPassword(ana.passwordHash!, firstRun.login.password)).toBe(true);
    expect(await verifyPassword(ana.passwordHash!, "wrong-password")).toBe(false);
  });
});
