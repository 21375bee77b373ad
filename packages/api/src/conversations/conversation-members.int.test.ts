import { beforeEach, describe, expect, it } from "vitest";
import { archiveChannel, inviteMembers, leaveConversation } from "./channel-membership.service.ts";
import { listConversationMembers } from "./conversations.service.ts";
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

describe("listConversationMembers", () => {
  it("lists everyone in a channel by name, with the creator as owner and workspace admins marked", async () => {
    const channel = await createTestChannel(ports, context.people, { creator: context.people.bob, name: unique("crew"), members: [context.people.dave] });
    await inviteMembers(ports, as(context.people.bob), { conversationId: channel.id, userIds: [context.people.alice.userId, context.people.carol.userId] });
    const { members, hasMore } = await listConversationMembers(ports, as(context.people.carol), { conversationId: channel.id });
    expect(hasMore).toBe(false);
    expect(members).toEqual([
      { id: context.people.alice.userId, name: "Alice Smith", image: null, role: "member", isWorkspaceAdmin: true },
      { id: context.people.bob.userId, name: "Bob", image: null, role: "owner", isWorkspaceAdmin: false },
      { id: context.people.carol.userId, name: "Carol", image: null, role: "member", isWorkspaceAdmin: false },
      { id: context.people.dave.userId, name: "Dave Admin", image: null, role: "member", isWorkspaceAdmin: true },
    ]);
  });

  it("pages with `limit` and says when more exist; people who left are gone", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("paged"), members: [context.people.bob, context.people.carol] });
    const firstTwo = await listConversationMembers(ports, as(context.people.alice), { conversationId: channel.id, limit: 2 });
    expect(firstTwo.members.map((member) => member.name)).toEqual(["Alice Smith", "Bob"]);
    expect(firstTwo.hasMore).toBe(true);
    await leaveConversation(ports, as(context.people.bob), { conversationId: channel.id });
    const after = await listConversationMembers(ports, as(context.people.alice), { conversationId: channel.id });
    expect(after.members.map((member) => member.name)).toEqual(["Alice Smith", "Carol"]);
  });

  it("still lists the members of an archived channel (its history stays readable)", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("old"), members: [context.people.bob] });
    await archiveChannel(ports, as(context.people.alice), { conversationId: channel.id });
    const { members } = await listConversationMembers(ports, as(context.people.bob), { conversationId: channel.id });
    expect(members.map((member) => member.id)).toEqual([context.people.alice.userId, context.people.bob.userId]);
  });

  it("lets a workspace member preview a public channel's members without joining", async () => {
    const channel = await createTestChannel(ports, context.people, { name: unique("open") });
    const { members } = await listConversationMembers(ports, as(context.people.mallory), { conversationId: channel.id });
    expect(members.map((member) => member.id)).toEqual([context.people.alice.userId]);
  });

  it("refuses mallory on a private channel and a DM she is not in, guests and outsiders on a public one, and bad input", async () => {
    const secret = await createTestChannel(ports, context.people, { name: unique("secret"), isPrivate: true, members: [context.people.bob] });
    const dm = await openDirectMessage(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, userIds: [context.people.bob.userId] });
    const open = await createTestChannel(ports, context.people, { name: unique("public") });
    const malloryIn = await context.database.prisma.participant.count({
      where: { userId: context.people.mallory.userId, conversationId: { in: [secret.id, dm.id] } },
    });
    assertPremise(malloryIn === 0, "mallory must be outside the private channel and the DM");

    // NOT_FOUND, not FORBIDDEN: a private conversation's existence is not revealed (conversation-access.ts).
    for (const conversationId of [secret.id, dm.id]) {
      await expect(listConversationMembers(ports, as(context.people.mallory), { conversationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(listConversationMembers(ports, as(context.people.gwen), { conversationId: open.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listConversationMembers(ports, as(context.people.oscar), { conversationId: open.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listConversationMembers(ports, as(context.people.alice), { conversationId: secret.id, limit: 0 })).rejects.toMatchObject({ code: "INVALID" });
    await expect(listConversationMembers(ports, as(context.people.alice), { conversationId: "not-an-id" })).rejects.toMatchObject({ code: "INVALID" });
  });
});
