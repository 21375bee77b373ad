import { beforeEach, describe, expect, it } from "vitest";
import { conversationTopic, userTopic } from "@parley/protocol/events";
import { archiveChannel, inviteMembers, joinChannel, leaveConversation, setPurpose, setTopic, unarchiveChannel } from "./channel-membership.service.ts";
import { browseChannels, createChannel, getConversation } from "./conversations.service.ts";
import { insertConversation } from "./conversations.repository.ts";
import { isUniqueViolation } from "../core/database.ts";
import { openDirectMessage } from "./direct-messages.service.ts";
import { as } from "../testing/callers.ts";
import { createTestChannel } from "../testing/channels.ts";
import { unique } from "../testing/names.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { assertPremise, createTestPorts, type TestPorts } from "../testing/personas.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;

beforeEach(() => {
  ports = createTestPorts(context.database.prisma);
});

async function participantIds(conversationId: string): Promise<string[]> {
  const rows = await context.database.prisma.participant.findMany({ where: { conversationId }, select: { userId: true } });
  return rows.map((row) => row.userId).sort();
}

describe("createChannel", () => {
  it("normalizes the name, makes the creator its owner and tells each member's devices", async () => {
    const channel = await createChannel(ports, as(context.people.alice), {
      workspaceId: context.people.workspaceId,
      name: "  #Design Reviews ",
      memberIds: [context.people.bob.userId],
    });
    expect(channel).toMatchObject({ name: "design-reviews", kind: "channel", isMember: true, memberCount: 2, canPost: true, canManage: true });
    const owner = await context.database.prisma.participant.findUnique({
      where: { conversationId_userId: { conversationId: channel.id, userId: context.people.alice.userId } },
    });
    expect(owner?.role).toBe("owner");
    expect(ports.bus.published).toEqual([
      { topic: userTopic(context.people.alice.userId), event: { type: "conversation.added", conversationId: channel.id } },
      { topic: userTopic(context.people.bob.userId), event: { type: "conversation.added", conversationId: channel.id } },
    ]);
  });

  it.each([
    ["", "can't be empty"],
    ["bad!name", "lowercase letters, numbers, hyphens and underscores"],
    ["x".repeat(81), "80 characters or fewer"],
    ["zero\u200Bwidth", "lowercase letters"],
  ])("refuses the name %j with a message saying the rule", async (name, message) => {
    const before = await context.database.prisma.conversation.count();
    await expect(createChannel(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, name })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining(message),
    });
    expect(await context.database.prisma.conversation.count()).toBe(before);
    expect(ports.bus.published).toEqual([]);
  });

  it("refuses a name already used in the workspace (after normalization) with CONFLICT", async () => {
    const name = unique("taken");
    await createChannel(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, name, isPrivate: true });
    await expect(createChannel(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, name: name.toUpperCase() })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `A channel named #${name} already exists in this workspace. Pick another name.`,
    });
    // Another workspace may use it.
    await expect(createChannel(ports, as(context.people.oscar), { workspaceId: context.people.otherWorkspaceId, name })).resolves.toMatchObject({ name });
  });

  it("lets exactly one of two simultaneous creations of a name win", async () => {
    const name = unique("race");
    const results = await Promise.allSettled([
      createChannel(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, name }),
      createChannel(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, name }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toMatchObject({ code: "CONFLICT" });
    expect(await context.database.prisma.conversation.count({ where: { workspaceId: context.people.workspaceId, name } })).toBe(1);
  });

  it("refuses guests, outsiders and members who are not active workspace members", async () => {
    await expect(createChannel(ports, as(context.people.gwen), { workspaceId: context.people.workspaceId, name: unique("g") })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(createChannel(ports, as(context.people.oscar), { workspaceId: context.people.workspaceId, name: unique("o") })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      createChannel(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, name: unique("x"), memberIds: [context.people.oscar.userId] }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });

  it("refuses unknown keys (mass assignment)", async () => {
    const input = { workspaceId: context.people.workspaceId, name: unique("m"), createdById: context.people.bob.userId };
    await expect(createChannel(ports, as(context.people.alice), input as never)).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("reading a conversation", () => {
  it("lets workspace members preview a public channel, but not guests or outsiders", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("public") });
    await expect(getConversation(ports, as(context.people.mallory), { conversationId: channel.id })).resolves.toMatchObject({
      isMember: false,
      canPost: false,
      canManage: false,
      memberCount: 1,
      membersPreview: [{ id: context.people.alice.userId, name: context.people.alice.name, image: null }],
    });
    await expect(getConversation(ports, as(context.people.gwen), { conversationId: channel.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getConversation(ports, as(context.people.oscar), { conversationId: channel.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers NOT_FOUND to non-members of private channels and DMs, the same as for unknown ids", async () => {
    const secret = await createTestChannel(ports, context.people, { name: unique("secret"), isPrivate: true });
    const dm = await openDirectMessage(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, userIds: [context.people.bob.userId] });
    assertPremise(!(await participantIds(secret.id)).includes(context.people.mallory.userId), "mallory must be outside the private channel");
    const unknown = await getConversation(ports, as(context.people.mallory), { conversationId: "00000000-0000-4000-8000-000000000000" }).catch(
      (e: unknown) => e,
    );
    for (const conversationId of [secret.id, dm.id]) {
      const refusal = await getConversation(ports, as(context.people.mallory), { conversationId }).catch((e: unknown) => e);
      expect(refusal).toMatchObject({ code: "NOT_FOUND" });
      expect((refusal as Error).message).toBe((unknown as Error).message);
    }
    await expect(getConversation(ports, as(context.people.mallory), { conversationId: "not-a-uuid" })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("refuses a member whose workspace membership was deactivated", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("deact"), members: [context.people.carol] });
    await context.database.prisma.membership.update({
      where: { workspaceId_userId: { workspaceId: context.people.workspaceId, userId: context.people.carol.userId } },
      data: { deactivatedAt: new Date() },
    });
    try {
      await expect(getConversation(ports, as(context.people.carol), { conversationId: channel.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await context.database.prisma.membership.update({
        where: { workspaceId_userId: { workspaceId: context.people.workspaceId, userId: context.people.carol.userId } },
        data: { deactivatedAt: null },
      });
    }
  });
});

describe("browseChannels", () => {
  it("lists public channels and the private ones the caller is in, with isMember and memberCount", async () => {
    const open = await createTestChannel(ports, context.people, { name: unique("browse-open"), members: [context.people.bob] });
    const hidden = await createTestChannel(ports, context.people, { name: unique("browse-hidden"), isPrivate: true });
    const malloryView = await browseChannels(ports, as(context.people.mallory), { workspaceId: context.people.workspaceId, query: "browse" });
    expect(malloryView.map((entry) => entry.id)).toEqual([open.id]);
    expect(malloryView[0]).toMatchObject({ isMember: false, memberCount: 2, kind: "channel" });
    const aliceView = await browseChannels(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, query: "browse" });
    expect(aliceView.map((entry) => [entry.id, entry.isMember])).toEqual([
      [hidden.id, true],
      [open.id, true],
    ]);
    expect(await browseChannels(ports, as(context.people.gwen), { workspaceId: context.people.workspaceId, query: "browse" })).toEqual([]);
    await expect(browseChannels(ports, as(context.people.oscar), { workspaceId: context.people.workspaceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("joining, inviting and leaving", () => {
  it("joins a public channel once and announces it once", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("join") });
    ports.bus.published.length = 0;
    await expect(joinChannel(ports, as(context.people.bob), { conversationId: channel.id })).resolves.toEqual({ isNewMember: true });
    await expect(joinChannel(ports, as(context.people.bob), { conversationId: channel.id })).resolves.toEqual({ isNewMember: false });
    expect(ports.bus.published).toEqual([
      {
        topic: conversationTopic(channel.id),
        event: { type: "conversation.members_joined", conversationId: channel.id, userIds: [context.people.bob.userId] },
      },
      { topic: userTopic(context.people.bob.userId), event: { type: "conversation.added", conversationId: channel.id } },
    ]);
  });

  it("refuses to join private channels (NOT_FOUND), archived channels and DMs", async () => {
    const secret = await createTestChannel(ports, context.people, { name: unique("nojoin"), isPrivate: true });
    await expect(joinChannel(ports, as(context.people.mallory), { conversationId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const archived = await createTestChannel(ports, context.people, { name: unique("archived") });
    await archiveChannel(ports, as(context.people.alice), { conversationId: archived.id });
    await expect(joinChannel(ports, as(context.people.bob), { conversationId: archived.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await participantIds(secret.id)).toEqual([context.people.alice.userId]);
  });

  it("invites active workspace members only, and only by a participant", async () => {
    const secret = await createTestChannel(ports, context.people, { name: unique("invite"), isPrivate: true });
    await expect(
      inviteMembers(ports, as(context.people.mallory), { conversationId: secret.id, userIds: [context.people.mallory.userId] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      inviteMembers(ports, as(context.people.alice), { conversationId: secret.id, userIds: [context.people.bob.userId, context.people.oscar.userId] }),
    ).rejects.toMatchObject({
      code: "INVALID",
    });
    expect(await participantIds(secret.id)).toEqual([context.people.alice.userId]);
    await expect(
      inviteMembers(ports, as(context.people.alice), { conversationId: secret.id, userIds: [context.people.bob.userId, context.people.alice.userId] }),
    ).resolves.toEqual({
      addedUserIds: [context.people.bob.userId],
    });
    expect(await participantIds(secret.id)).toEqual([context.people.alice.userId, context.people.bob.userId].sort());

    const open = await createTestChannel(ports, context.people, { name: unique("invite-open") });
    await expect(inviteMembers(ports, as(context.people.mallory), { conversationId: open.id, userIds: [context.people.carol.userId] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("starts people who join or are invited read up to now: earlier messages are history, not unread", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("history") });
    await context.database.prisma.conversation.update({ where: { id: channel.id }, data: { lastSeq: 7 } });
    await joinChannel(ports, as(context.people.bob), { conversationId: channel.id });
    await inviteMembers(ports, as(context.people.alice), { conversationId: channel.id, userIds: [context.people.carol.userId] });
    const newcomers = await context.database.prisma.participant.findMany({
      where: { conversationId: channel.id, userId: { in: [context.people.bob.userId, context.people.carol.userId] } },
      select: { lastReadSeq: true },
    });
    expect(newcomers.map((row) => Number(row.lastReadSeq))).toEqual([7, 7]);
  });

  it("leaves a channel (and announces it to the channel and to the leaver) but never a DM", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("leave"), members: [context.people.bob] });
    ports.bus.published.length = 0;
    await expect(leaveConversation(ports, as(context.people.bob), { conversationId: channel.id })).resolves.toEqual({ hasLeft: true });
    expect(ports.bus.published.map((entry) => [entry.topic, entry.event.type])).toEqual([
      [conversationTopic(channel.id), "conversation.member_left"],
      [userTopic(context.people.bob.userId), "conversation.removed"],
    ]);
    await expect(leaveConversation(ports, as(context.people.bob), { conversationId: channel.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const dm = await openDirectMessage(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, userIds: [context.people.bob.userId] });
    await expect(leaveConversation(ports, as(context.people.bob), { conversationId: dm.id })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("topic, purpose, archive", () => {
  it("sets the topic and purpose for participants only", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("topic") });
    ports.bus.published.length = 0;
    await expect(setTopic(ports, as(context.people.alice), { conversationId: channel.id, topic: "  Ship it  " })).resolves.toEqual({ topic: "Ship it" });
    await expect(setPurpose(ports, as(context.people.alice), { conversationId: channel.id, purpose: "Releases" })).resolves.toEqual({ purpose: "Releases" });
    await expect(setTopic(ports, as(context.people.mallory), { conversationId: channel.id, topic: "pwned" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setTopic(ports, as(context.people.alice), { conversationId: channel.id, topic: "x".repeat(251) })).rejects.toMatchObject({ code: "INVALID" });
    await expect(setTopic(ports, as(context.people.alice), { conversationId: channel.id, topic: "nul\u0000" })).rejects.toMatchObject({ code: "INVALID" });
    const stored = await context.database.prisma.conversation.findUniqueOrThrow({ where: { id: channel.id } });
    expect([stored.topic, stored.purpose]).toEqual(["Ship it", "Releases"]);
    expect(ports.bus.published.map((entry) => entry.event)).toEqual([
      { type: "conversation.updated", conversationId: channel.id, changes: { topic: "Ship it" } },
      { type: "conversation.updated", conversationId: channel.id, changes: { purpose: "Releases" } },
    ]);
  });

  it("archives and unarchives for the creator and workspace admins only", async () => {
    const channel = await createTestChannel(ports, context.people, { creator: context.people.bob, name: unique("arch"), members: [context.people.carol] });
    await expect(archiveChannel(ports, as(context.people.carol), { conversationId: channel.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(archiveChannel(ports, as(context.people.bob), { conversationId: channel.id })).resolves.toEqual({ isArchived: true });
    await expect(setTopic(ports, as(context.people.bob), { conversationId: channel.id, topic: "late" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(unarchiveChannel(ports, as(context.people.dave), { conversationId: channel.id })).resolves.toEqual({ isArchived: false });
    const stored = await context.database.prisma.conversation.findUniqueOrThrow({ where: { id: channel.id } });
    expect(stored.archivedAt).toBeNull();
    const dm = await openDirectMessage(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, userIds: [context.people.bob.userId] });
    await expect(archiveChannel(ports, as(context.people.alice), { conversationId: dm.id })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("openDirectMessage", () => {
  it("finds the existing conversation for the same people, whoever opens it and in any order", async () => {
    const first = await openDirectMessage(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, userIds: [context.people.carol.userId] });
    const again = await openDirectMessage(ports, as(context.people.carol), { workspaceId: context.people.workspaceId, userIds: [context.people.alice.userId] });
    expect(first).toMatchObject({ kind: "dm", isNew: true, title: context.people.carol.name, memberCount: 2 });
    expect(again).toMatchObject({ id: first.id, isNew: false, title: context.people.alice.name });

    const group = await openDirectMessage(ports, as(context.people.alice), {
      workspaceId: context.people.workspaceId,
      userIds: [context.people.bob.userId, context.people.carol.userId],
    });
    const groupAgain = await openDirectMessage(ports, as(context.people.bob), {
      workspaceId: context.people.workspaceId,
      userIds: [context.people.carol.userId, context.people.alice.userId, context.people.bob.userId],
    });
    expect(group).toMatchObject({ kind: "group_dm", memberCount: 3 });
    expect(groupAgain.id).toBe(group.id);
  });

  it("creates one conversation when the same DM is opened concurrently", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        openDirectMessage(ports, as(index % 2 === 0 ? context.people.dave : context.people.carol), {
          workspaceId: context.people.workspaceId,
          userIds: [index % 2 === 0 ? context.people.carol.userId : context.people.dave.userId],
        }),
      ),
    );
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.isNew)).toHaveLength(1);
  });

  it("refuses outsiders, deactivated members and more than 8 others", async () => {
    await expect(
      openDirectMessage(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, userIds: [context.people.oscar.userId] }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      openDirectMessage(ports, as(context.people.oscar), { workspaceId: context.people.workspaceId, userIds: [context.people.alice.userId] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const nineOthers = Array.from({ length: 9 }, (_, index) => `00000000-0000-4000-8000-00000000000${index}`);
    await expect(openDirectMessage(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, userIds: nineOthers })).rejects.toMatchObject({
      code: "INVALID",
    });
  });
});

describe("isUniqueViolation", () => {
  it("recognizes the channel-name index the race fallback relies on", async () => {
    const row = {
      workspaceId: context.people.workspaceId,
      kind: "channel" as const,
      name: unique("dup"),
      topic: "",
      purpose: "",
      createdById: context.people.alice.userId,
      dmKey: null,
      createdAt: new Date(),
      participants: [],
    };
    await insertConversation(context.database.prisma, row);
    const error = await insertConversation(context.database.prisma, row).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("other"))).toBe(false);
  });
});
