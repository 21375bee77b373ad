import { beforeAll, describe, expect, it } from "vitest";
import { as } from "../testing/callers.ts";
import { createTestChannel, sendAs } from "../testing/channels.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { assertPremise, createTestPorts, type TestPorts } from "../testing/personas.ts";
import { deleteMessage } from "../messages/message-changes.service.ts";
import { markRead } from "../reads/reads.service.ts";
import { getWorkspaceShell, listWorkspaceMembers } from "./workspaces.service.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;
let slug: string;
const send = (persona: { userId: string }, conversationId: string, body: string) => sendAs(ports, persona, conversationId, body);

beforeAll(async () => {
  ports = createTestPorts(context.database.prisma);
  slug = (await context.database.prisma.workspace.findUniqueOrThrow({ where: { id: context.people.workspaceId } })).slug;
});

describe("workspaces.members (the people directory)", () => {
  it("lists the active members by name, with their role, and nobody from another workspace", async () => {
    const members = await listWorkspaceMembers(ports, as(context.people.bob), { workspaceId: context.people.workspaceId });
    expect(members.map((m) => [m.name, m.role])).toEqual([
      ["Alice Smith", "owner"],
      ["Bob", "member"],
      ["Carol", "member"],
      ["Dave Admin", "admin"],
      ["Gwen Guest", "guest"],
      ["Mallory", "member"],
    ]);
    expect(members[0]).toEqual({ id: context.people.alice.userId, name: "Alice Smith", email: context.people.alice.email, image: null, role: "owner" });
  });

  it("finds people by part of their name or email, case-insensitively, and honours the limit", async () => {
    const byName = await listWorkspaceMembers(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, query: "  aLIce " });
    expect(byName.map((m) => m.id)).toEqual([context.people.alice.userId]);
    const emailPart = context.people.carol.email.split("@")[0]!.toUpperCase();
    const byEmail = await listWorkspaceMembers(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, query: emailPart });
    expect(byEmail.map((m) => m.id)).toEqual([context.people.carol.userId]);
    const limited = await listWorkspaceMembers(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, limit: 2 });
    expect(limited.map((m) => m.name)).toEqual(["Alice Smith", "Bob"]);
  });

  it("leaves deactivated members out", async () => {
    await context.database.prisma.membership.updateMany({ where: { userId: context.people.carol.userId }, data: { deactivatedAt: new Date() } });
    try {
      const members = await listWorkspaceMembers(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, query: "carol" });
      expect(members).toEqual([]);
    } finally {
      await context.database.prisma.membership.updateMany({ where: { userId: context.people.carol.userId }, data: { deactivatedAt: null } });
    }
  });

  it("refuses an outsider (oscar) as if the workspace did not exist, and bad input as INVALID", async () => {
    const everyone = await listWorkspaceMembers(ports, as(context.people.alice), { workspaceId: context.people.workspaceId });
    assertPremise(everyone.length > 0, "the workspace must have members to leak");
    await expect(listWorkspaceMembers(ports, as(context.people.oscar), { workspaceId: context.people.workspaceId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(listWorkspaceMembers(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, limit: 51 })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(listWorkspaceMembers(ports, as(context.people.bob), { workspaceId: "not-an-id" })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("workspaces.shell mention counts", () => {
  it("counts unread mentions of the caller and @channel, not read, deleted or own ones", async () => {
    const bobHandle = context.people.bob.email.split("@")[0];
    const team = await createTestChannel(ports, context.people, { name: "team", members: [context.people.bob] });
    // Sending moves the sender's own read position, so Bob speaks first.
    await send(context.people.bob, team.id, "@channel from bob himself");
    await send(context.people.alice, team.id, `@${bobHandle} read already`);
    await markRead(ports, as(context.people.bob), { conversationId: team.id, seq: 2 });
    await send(context.people.alice, team.id, `@${bobHandle} look`);
    await send(context.people.alice, team.id, "@channel standup");
    const deleted = await send(context.people.alice, team.id, `@${bobHandle} oops`);
    await deleteMessage(ports, as(context.people.alice), { conversationId: team.id, messageId: deleted.message.id });

    const bobShell = await getWorkspaceShell(ports, as(context.people.bob), { slug });
    expect(bobShell.channels.find((c) => c.id === team.id)).toMatchObject({ unreadCount: 3, mentionCount: 2 });
    const aliceShell = await getWorkspaceShell(ports, as(context.people.alice), { slug });
    // Bob's @channel came before Alice's own messages, which moved her read position past it.
    expect(aliceShell.channels.find((c) => c.id === team.id)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
  });
});
