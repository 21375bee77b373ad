import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { createChannel } from "../conversations/conversations.service.ts";
import { assertPremise, createPersonas, createTestPorts, type Personas, type TestPorts } from "../conversations/testing/personas.ts";
import { deleteMessage } from "../messages/message-changes.service.ts";
import { sendMessage } from "../messages/messages.service.ts";
import { markRead } from "../reads/reads.service.ts";
import { getWorkspaceShell, listWorkspaceMembers } from "./workspaces.service.ts";

let database: TestDatabase;
let people: Personas;
let ports: TestPorts;
let slug: string;
const as = (persona: { userId: string }) => ({ userId: persona.userId });
let clientCounter = 0;
const send = (persona: { userId: string }, conversationId: string, body: string) =>
  sendMessage(ports, as(persona), { conversationId, clientMessageId: `d${(clientCounter += 1)}`, body });

beforeAll(async () => {
  database = await createTestDatabase();
  people = await createPersonas(database.prisma);
  ports = createTestPorts(database.prisma);
  slug = (await database.prisma.workspace.findUniqueOrThrow({ where: { id: people.workspaceId } })).slug;
});
afterAll(async () => {
  await database?.drop();
});

describe("workspaces.members (the people directory)", () => {
  it("lists the active members by name, with their role, and nobody from another workspace", async () => {
    const members = await listWorkspaceMembers(ports, as(people.bob), { workspaceId: people.workspaceId });
    expect(members.map((m) => [m.name, m.role])).toEqual([
      ["Alice Smith", "owner"],
      ["Bob", "member"],
      ["Carol", "member"],
      ["Dave Admin", "admin"],
      ["Gwen Guest", "guest"],
      ["Mallory", "member"],
    ]);
    expect(members[0]).toEqual({ id: people.alice.userId, name: "Alice Smith", email: people.alice.email, image: null, role: "owner" });
  });

  it("finds people by part of their name or email, case-insensitively, and honours the limit", async () => {
    const byName = await listWorkspaceMembers(ports, as(people.bob), { workspaceId: people.workspaceId, query: "  aLIce " });
    expect(byName.map((m) => m.id)).toEqual([people.alice.userId]);
    const emailPart = people.carol.email.split("@")[0]!.toUpperCase();
    const byEmail = await listWorkspaceMembers(ports, as(people.bob), { workspaceId: people.workspaceId, query: emailPart });
    expect(byEmail.map((m) => m.id)).toEqual([people.carol.userId]);
    const limited = await listWorkspaceMembers(ports, as(people.bob), { workspaceId: people.workspaceId, limit: 2 });
    expect(limited.map((m) => m.name)).toEqual(["Alice Smith", "Bob"]);
  });

  it("leaves deactivated members out", async () => {
    await database.prisma.membership.updateMany({ where: { userId: people.carol.userId }, data: { deactivatedAt: new Date() } });
    try {
      const members = await listWorkspaceMembers(ports, as(people.bob), { workspaceId: people.workspaceId, query: "carol" });
      expect(members).toEqual([]);
    } finally {
      await database.prisma.membership.updateMany({ where: { userId: people.carol.userId }, data: { deactivatedAt: null } });
    }
  });

  it("refuses an outsider (oscar) as if the workspace did not exist, and bad input as INVALID", async () => {
    const everyone = await listWorkspaceMembers(ports, as(people.alice), { workspaceId: people.workspaceId });
    assertPremise(everyone.length > 0, "the workspace must have members to leak");
    await expect(listWorkspaceMembers(ports, as(people.oscar), { workspaceId: people.workspaceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listWorkspaceMembers(ports, as(people.bob), { workspaceId: people.workspaceId, limit: 51 })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(listWorkspaceMembers(ports, as(people.bob), { workspaceId: "not-an-id" })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("workspaces.shell mention counts", () => {
  it("counts unread mentions of the caller and @channel, not read, deleted or own ones", async () => {
    const bobHandle = people.bob.email.split("@")[0];
    const team = await createChannel(ports, as(people.alice), { workspaceId: people.workspaceId, name: "team", memberIds: [people.bob.userId] });
    // Sending moves the sender's own read position, so Bob speaks first.
    await send(people.bob, team.id, "@channel from bob himself");
    await send(people.alice, team.id, `@${bobHandle} read already`);
    await markRead(ports, as(people.bob), { conversationId: team.id, seq: 2 });
    await send(people.alice, team.id, `@${bobHandle} look`);
    await send(people.alice, team.id, "@channel standup");
    const deleted = await send(people.alice, team.id, `@${bobHandle} oops`);
    await deleteMessage(ports, as(people.alice), { conversationId: team.id, messageId: deleted.message.id });

    const bobShell = await getWorkspaceShell(ports, as(people.bob), { slug });
    expect(bobShell.channels.find((c) => c.id === team.id)).toMatchObject({ unreadCount: 3, mentionCount: 2 });
    const aliceShell = await getWorkspaceShell(ports, as(people.alice), { slug });
    // Bob's @channel came before Alice's own messages, which moved her read position past it.
    expect(aliceShell.channels.find((c) => c.id === team.id)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
  });
});
