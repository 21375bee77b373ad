/**
 * The demo workspace "Acme" that `npm start` opens on first run: six people,
 * four channels (one private), DMs, a group DM and ~300 messages over the past
 * three weeks with threads, reactions, mentions, code and links. Idempotent:
 * if the workspace exists nothing is written.
 */
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@parley/db/client";
import { hashPassword } from "../auth/password.ts";
import {
  DEMO_LOGIN_HANDLE,
  DEMO_PASSWORD,
  DEMO_WORKSPACE,
  type ConversationKey,
  type DemoConversation,
  demoConversations,
  demoPeople,
  type Handle,
} from "./demo-cast.ts";
import { planDemoTimeline, type PlannedMessage } from "./demo-timeline.ts";

export interface SeedDemoOptions {
  log?: (line: string) => void;
  /** The moment the history ends at; tests pin it. */
  now?: Date;
}

export interface SeedDemoResult {
  created: boolean;
  workspaceSlug: string;
  login: { email: string; password: string };
}

type Transaction = Prisma.TransactionClient;
const DAY = 86_400_000;

const demoLogin = { email: demoPeople.find((person) => person.handle === DEMO_LOGIN_HANDLE)!.email, password: DEMO_PASSWORD };

export async function seedDemoWorkspace(db: PrismaClient, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const log = options.log ?? (() => {});
  const result = (created: boolean): SeedDemoResult => ({ created, workspaceSlug: DEMO_WORKSPACE.slug, login: demoLogin });
  if (await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE.slug }, select: { id: true } })) {
    log(`demo workspace "${DEMO_WORKSPACE.slug}" already exists`);
    return result(false);
  }

  const startedAt = Date.now();
  const now = options.now ?? new Date();
  const plan = planDemoTimeline(now);
  // One hash for all six people: argon2 is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  try {
    await db.$transaction((tx) => writeDemo(tx, plan, passwordHash, now), { timeout: 30_000 });
  } catch (error) {
    // Another process seeded at the same moment: its workspace won.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return result(false);
    throw error;
  }
  log(
    `seeded demo workspace "${DEMO_WORKSPACE.slug}": ${demoPeople.length} people, ${demoConversations.length} conversations, ${plan.length} messages (${Date.now() - startedAt} ms)`,
  );
  return result(true);
}

async function writeDemo(tx: Transaction, plan: PlannedMessage[], passwordHash: string, now: Date): Promise<void> {
  const joinedAt = new Date(now.getTime() - 30 * DAY);
  const workspace = await tx.workspace.create({ data: { slug: DEMO_WORKSPACE.slug, name: DEMO_WORKSPACE.name, createdAt: joinedAt } });
  const userIdOf = await createPeople(tx, workspace.id, passwordHash, joinedAt);
  const conversationIdOf = await createConversations(tx, workspace.id, plan, userIdOf, joinedAt);

  await tx.message.createMany({
    data: plan.map((message) => ({
      id: message.id,
      conversationId: conversationIdOf(message.conversation),
      seq: BigInt(message.seq),
      senderId: userIdOf(message.from),
      threadRootId: message.threadRootId,
      body: message.body,
      kind: "user" as const,
      createdAt: message.createdAt,
    })),
  });
  await tx.reaction.createMany({
    data: plan.flatMap((message) =>
      message.reactions.map((reaction) => ({
        conversationId: conversationIdOf(message.conversation),
        messageId: message.id,
        userId: userIdOf(reaction.by),
        emoji: reaction.emoji,
        createdAt: reaction.createdAt,
      })),
    ),
  });
  await tx.mention.createMany({
    data: plan.flatMap((message) =>
      message.mentions.map((mention) => ({
        conversationId: conversationIdOf(message.conversation),
        messageId: message.id,
        kind: mention.kind,
        userId: mention.kind === "user" ? userIdOf(mention.handle) : null,
        createdAt: message.createdAt,
      })),
    ),
  });
}

async function createPeople(tx: Transaction, workspaceId: string, passwordHash: string, joinedAt: Date): Promise<(handle: Handle) => string> {
  // skipDuplicates: a person may already have an account (e.g. a workspace
  // seeded and deleted before); they join Acme with their existing password.
  await tx.user.createMany({
    data: demoPeople.map((person) => ({
      email: person.email,
      name: person.name,
      passwordHash,
      timeZone: person.timeZone,
      statusEmoji: person.statusEmoji ?? null,
      statusText: person.statusText ?? null,
      emailVerified: joinedAt,
      createdAt: joinedAt,
    })),
    skipDuplicates: true,
  });
  const users = await tx.user.findMany({ where: { email: { in: demoPeople.map((person) => person.email) } }, select: { id: true, email: true } });
  const idByHandle = new Map(demoPeople.map((person) => [person.handle, users.find((user) => user.email === person.email)!.id]));
  await tx.membership.createMany({
    data: demoPeople.map((person) => ({ workspaceId, userId: idByHandle.get(person.handle)!, role: person.role, joinedAt })),
  });
  return (handle) => idByHandle.get(handle)!;
}

async function createConversations(
  tx: Transaction,
  workspaceId: string,
  plan: PlannedMessage[],
  userIdOf: (handle: Handle) => string,
  createdAt: Date,
): Promise<(key: ConversationKey) => string> {
  const idByKey = new Map(demoConversations.map((conversation) => [conversation.key, randomUUID()]));
  const creator = userIdOf(DEMO_LOGIN_HANDLE);
  const history = (key: ConversationKey) => plan.filter((message) => message.conversation === key);

  await tx.conversation.createMany({
    data: demoConversations.map((conversation) => {
      const messages = history(conversation.key);
      const isDirect = conversation.kind === "dm" || conversation.kind === "group_dm";
      return {
        id: idByKey.get(conversation.key)!,
        workspaceId,
        kind: conversation.kind,
        name: conversation.name,
        topic: conversation.topic,
        purpose: conversation.purpose,
        createdById: creator,
        dmKey: isDirect ? conversation.members.map(userIdOf).sort().join(",") : null,
        lastSeq: BigInt(messages.length),
        lastMessageAt: messages.at(-1)?.createdAt ?? null,
        createdAt,
      };
    }),
  });
  await tx.participant.createMany({
    data: demoConversations.flatMap((conversation) =>
      conversation.members.map((handle) => ({
        conversationId: idByKey.get(conversation.key)!,
        userId: userIdOf(handle),
        role: handle === DEMO_LOGIN_HANDLE && conversation.name !== null ? ("owner" as const) : ("member" as const),
        joinedAt: createdAt,
        lastReadSeq: BigInt(lastReadSeq(conversation, handle, history(conversation.key))),
      })),
    ),
  });
  return (key) => idByKey.get(key)!;
}

/** Everyone has read everything, except the demo login's few unread at the end. */
function lastReadSeq(conversation: DemoConversation, handle: Handle, messages: PlannedMessage[]): number {
  const lastSeq = messages.length;
  if (handle !== DEMO_LOGIN_HANDLE) return lastSeq;
  const lastOwnSeq = messages.filter((message) => message.from === handle).at(-1)?.seq ?? 0;
  return Math.max(lastSeq - conversation.unreadForAna, lastOwnSeq);
}
