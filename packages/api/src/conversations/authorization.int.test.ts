/**
 * The authorization matrix for every procedure of conversations, messages,
 * reads and accessTokens, called through tRPC as a browser would: mallory (a
 * workspace member outside a private channel and a DM whose ids she knows),
 * oscar (another workspace) and an anonymous caller must be refused, must not
 * see a canary, must change nothing, and no event may reach the private
 * conversations' topics. The procedure list comes from the routers, so a new
 * procedure without a row here fails this test.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { conversationTopic, type BusEvent } from "@parley/protocol/events";
import { accessTokensRouter } from "../access-tokens/access-tokens.router.ts";
import { createAccessToken } from "../access-tokens/access-tokens.service.ts";
import { createApiContext } from "../context.ts";
import { messagesRouter } from "../messages/messages.router.ts";
import { sendMessage } from "../messages/messages.service.ts";
import { getProcessPorts, systemClock } from "../ports.ts";
import { readsRouter } from "../reads/reads.router.ts";
import { appOrigin, createCallerFactory, router } from "../trpc.ts";
import { leaveConversation } from "./channel-membership.service.ts";
import { conversationsRouter } from "./conversations.router.ts";
import { createChannel } from "./conversations.service.ts";
import { openDirectMessage } from "./direct-messages.service.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { assertPremise, createTestPorts } from "../testing/personas.ts";

const messagingRouter = router({ conversations: conversationsRouter, messages: messagesRouter, reads: readsRouter, accessTokens: accessTokensRouter });
const createCaller = createCallerFactory(messagingRouter);
type Caller = ReturnType<typeof createCaller>;

const context = personaDatabaseForThisFile();
const canary = `canary-${randomUUID()}`;
let secretId: string;
let dmId: string;
let secretMessageId: string;
let dmMessageId: string;
let aliceTokenId: string;

function callerFor(userId: string | null): Caller {
  return createCaller(createApiContext({ db: context.database.prisma, actor: userId ? { userId } : null, origin: appOrigin() }));
}

beforeAll(async () => {
  const ports = createTestPorts(context.database.prisma);
  const alice = { userId: context.people.alice.userId };
  secretId = (
    await createChannel(ports, alice, {
      workspaceId: context.people.workspaceId,
      name: "secret",
      isPrivate: true,
      topic: canary,
      memberIds: [context.people.bob.userId],
    })
  ).id;
  dmId = (await openDirectMessage(ports, alice, { workspaceId: context.people.workspaceId, userIds: [context.people.bob.userId] })).id;
  secretMessageId = (await sendMessage(ports, alice, { conversationId: secretId, clientMessageId: "s", body: canary })).message.id;
  dmMessageId = (await sendMessage(ports, alice, { conversationId: dmId, clientMessageId: "d", body: canary })).message.id;
  aliceTokenId = (await createAccessToken({ db: context.database.prisma, clock: systemClock }, alice, { name: "alice's" })).id;
});

/** The private conversation under attack, and a workspace the intruder does not belong to (with someone in it). */
interface Target {
  conversationId: string;
  messageId: string;
  foreignWorkspaceId: string;
  foreignUserId: string;
}
type Row = (caller: Caller, target: Target) => Promise<unknown>;

/** One row per procedure: what an intruder tries against a private conversation. */
const intrusions: Record<string, Row> = {
  "conversations.list": (caller) => caller.conversations.list({ workspaceId: context.people.workspaceId }),
  "conversations.get": (caller, target) => caller.conversations.get({ conversationId: target.conversationId }),
  "conversations.members": (caller, target) => caller.conversations.members({ conversationId: target.conversationId }),
  "conversations.browse": (caller) => caller.conversations.browse({ workspaceId: context.people.workspaceId, includeArchived: true }),
  "conversations.createChannel": (caller, target) => caller.conversations.createChannel({ workspaceId: target.foreignWorkspaceId, name: "intrusion" }),
  "conversations.openDirectMessage": (caller, target) =>
    caller.conversations.openDirectMessage({ workspaceId: target.foreignWorkspaceId, userIds: [target.foreignUserId] }),
  "conversations.join": (caller, target) => caller.conversations.join({ conversationId: target.conversationId }),
  "conversations.invite": (caller, target) => caller.conversations.invite({ conversationId: target.conversationId, userIds: [context.people.mallory.userId] }),
  "conversations.leave": (caller, target) => caller.conversations.leave({ conversationId: target.conversationId }),
  "conversations.setTopic": (caller, target) => caller.conversations.setTopic({ conversationId: target.conversationId, topic: "pwned" }),
  "conversations.setPurpose": (caller, target) => caller.conversations.setPurpose({ conversationId: target.conversationId, purpose: "pwned" }),
  "conversations.archive": (caller, target) => caller.conversations.archive({ conversationId: target.conversationId }),
  "conversations.unarchive": (caller, target) => caller.conversations.unarchive({ conversationId: target.conversationId }),
  "messages.send": (caller, target) => caller.messages.send({ conversationId: target.conversationId, clientMessageId: randomUUID(), body: "pwned" }),
  "messages.list": (caller, target) => caller.messages.list({ conversationId: target.conversationId }),
  "messages.edit": (caller, target) => caller.messages.edit({ conversationId: target.conversationId, messageId: target.messageId, body: "pwned" }),
  "messages.delete": (caller, target) => caller.messages.delete({ conversationId: target.conversationId, messageId: target.messageId }),
  "reads.markRead": (caller, target) => caller.reads.markRead({ conversationId: target.conversationId, seq: 1 }),
  "reads.markUnread": (caller, target) => caller.reads.markUnread({ conversationId: target.conversationId, fromSeq: 1 }),
  "accessTokens.list": (caller) => caller.accessTokens.list(),
  "accessTokens.create": (caller) => caller.accessTokens.create({ name: "mine" }),
  "accessTokens.revoke": (caller) => caller.accessTokens.revoke({ tokenId: aliceTokenId }),
};

/** Procedures whose rows are allowed to succeed for an intruder, as long as nothing private leaks or changes. */
const harmlessWhenAllowed = new Set(["conversations.list", "conversations.browse", "accessTokens.list", "accessTokens.create"]);

async function privateState() {
  const [conversations, participants, messages, edits, tokens] = await Promise.all([
    context.database.prisma.conversation.findMany({ where: { id: { in: [secretId, dmId] } }, orderBy: { id: "asc" } }),
    context.database.prisma.participant.findMany({
      where: { conversationId: { in: [secretId, dmId] } },
      orderBy: [{ conversationId: "asc" }, { userId: "asc" }],
    }),
    context.database.prisma.message.findMany({ where: { conversationId: { in: [secretId, dmId] } }, orderBy: { seq: "asc" } }),
    context.database.prisma.messageEdit.count(),
    context.database.prisma.personalAccessToken.findMany({ where: { userId: context.people.alice.userId } }),
  ]);
  return { conversations, participants, messages, edits, tokens };
}

describe("authorization matrix", () => {
  it("has a row for every procedure", () => {
    expect(Object.keys(messagingRouter._def.procedures).sort()).toEqual(Object.keys(intrusions).sort());
  });

  it.each([
    [
      "mallory (same workspace, not a member)",
      () => ({ intruder: context.people.mallory.userId, foreignWorkspaceId: context.people.otherWorkspaceId, foreignUserId: context.people.oscar.userId }),
    ],
    [
      "oscar (another workspace)",
      () => ({ intruder: context.people.oscar.userId, foreignWorkspaceId: context.people.workspaceId, foreignUserId: context.people.alice.userId }),
    ],
  ])("refuses %s everywhere on a private channel and a DM, leaking and changing nothing", async (_label, who) => {
    const { intruder, foreignWorkspaceId, foreignUserId } = who();
    assertPremise(
      (await context.database.prisma.participant.count({ where: { userId: intruder, conversationId: { in: [secretId, dmId] } } })) === 0,
      "the intruder must be outside both",
    );
    const heard: BusEvent[] = [];
    const unsubscribes = await Promise.all(
      [secretId, dmId].map((id) => getProcessPorts(context.database.prisma).bus.subscribe(conversationTopic(id), (event) => void heard.push(event))),
    );
    const before = await privateState();
    const caller = callerFor(intruder);
    try {
      const targets: Target[] = [
        { conversationId: secretId, messageId: secretMessageId, foreignWorkspaceId, foreignUserId },
        { conversationId: dmId, messageId: dmMessageId, foreignWorkspaceId, foreignUserId },
      ];
      for (const target of targets) {
        for (const [procedure, attempt] of Object.entries(intrusions)) {
          const outcome = await attempt(caller, target).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          const shown = JSON.stringify(
            outcome.ok ? outcome.value : { message: (outcome.error as Error).message, code: (outcome.error as { code?: string }).code },
          );
          expect(shown, procedure).not.toContain(canary);
          expect(shown, procedure).not.toContain(target.conversationId);
          if (outcome.ok) {
            expect(harmlessWhenAllowed.has(procedure), `${procedure} should have been refused`).toBe(true);
          } else {
            expect((outcome.error as { code?: string }).code, procedure).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
          }
        }
      }
      expect(await privateState()).toEqual(before);
      // A sentinel published last: once it arrives, anything published before it has arrived too.
      const sentinel: BusEvent = { type: "conversation.updated", conversationId: secretId, changes: {} };
      await getProcessPorts(context.database.prisma).bus.publish(conversationTopic(secretId), sentinel);
      const deadline = Date.now() + 2_000;
      while (!heard.includes(sentinel) && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      expect(heard).toEqual([sentinel]);
    } finally {
      await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
    }
  });

  it("refuses anonymous callers with UNAUTHORIZED on every procedure", async () => {
    const caller = callerFor(null);
    for (const [procedure, attempt] of Object.entries(intrusions)) {
      const target = {
        conversationId: secretId,
        messageId: secretMessageId,
        foreignWorkspaceId: context.people.workspaceId,
        foreignUserId: context.people.alice.userId,
      };
      await expect(attempt(caller, target), procedure).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("refuses mutations from a foreign origin (CSRF)", async () => {
    const caller = createCaller(createApiContext({ db: context.database.prisma, actor: { userId: context.people.alice.userId }, origin: "https://evil.test" }));
    await expect(caller.messages.send({ conversationId: secretId, clientMessageId: "csrf", body: "forged" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await context.database.prisma.message.count({ where: { body: "forged" } })).toBe(0);
  });

  it("cuts off a member as soon as they leave a private channel", async () => {
    const bob = callerFor(context.people.bob.userId);
    await expect(bob.messages.list({ conversationId: secretId })).resolves.toMatchObject({ messages: [{ body: canary }] });
    await leaveConversation(createTestPorts(context.database.prisma), { userId: context.people.bob.userId }, { conversationId: secretId });
    await expect(bob.messages.list({ conversationId: secretId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.messages.send({ conversationId: secretId, clientMessageId: "after-leave", body: "still here?" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("maps bad input to BAD_REQUEST through the router", async () => {
    const alice = callerFor(context.people.alice.userId);
    await expect(alice.messages.list({ conversationId: secretId, limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(alice.messages.send({ conversationId: secretId, clientMessageId: "x", body: "a\u0000" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
