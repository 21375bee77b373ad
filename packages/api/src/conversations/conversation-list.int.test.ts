import { beforeAll, describe, expect, it } from "vitest";
import { deleteMessage } from "../messages/message-changes.service.ts";
import { markRead } from "../reads/reads.service.ts";
import { listConversations } from "./conversation-list.service.ts";
import { openDirectMessage } from "./direct-messages.service.ts";
import { as } from "../testing/callers.ts";
import { createTestChannel, sendAs } from "../testing/channels.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts, type TestPorts } from "../testing/personas.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;
const send = (persona: { userId: string }, conversationId: string, body: string) => sendAs(ports, persona, conversationId, body);

let general: string;
let random: string;
let quiet: string;
let dm: string;

beforeAll(async () => {
  ports = createTestPorts(context.database.prisma);
  // A clock one second apart per call, so activity order is unambiguous.
  let tick = 0;
  ports.clock = { now: () => new Date(Date.UTC(2026, 0, 1) + (tick += 1) * 1000) };

  const bobHandle = context.people.bob.email.split("@")[0];
  quiet = (await createTestChannel(ports, context.people, { name: "quiet", members: [context.people.bob] })).id;
  general = (await createTestChannel(ports, context.people, { name: "general", members: [context.people.bob] })).id;
  random = (await createTestChannel(ports, context.people, { name: "random", members: [context.people.bob] })).id;
  dm = (await openDirectMessage(ports, as(context.people.alice), { workspaceId: context.people.workspaceId, userIds: [context.people.bob.userId] })).id;

  await send(context.people.alice, general, "one");
  await send(context.people.alice, general, `hey @${bobHandle}`);
  await markRead(ports, as(context.people.bob), { conversationId: general, seq: 2 });
  await send(context.people.alice, general, "@channel standup");
  await send(context.people.alice, general, `@${bobHandle} again`);
  const deleted = await send(context.people.alice, general, `@${bobHandle} oops`);
  await deleteMessage(ports, as(context.people.alice), { conversationId: general, messageId: deleted.message.id });
  await send(context.people.bob, random, "@channel from bob himself");
  await send(context.people.alice, dm, "psst");
});

describe("listConversations", () => {
  it("orders by latest activity and counts unread messages and mentions after the read position", async () => {
    const page = await listConversations(ports, as(context.people.bob), { workspaceId: context.people.workspaceId });
    expect(page.hasMore).toBe(false);
    expect(page.conversations.map((conversation) => conversation.id)).toEqual([dm, random, general, quiet]);
    const byId = new Map(page.conversations.map((conversation) => [conversation.id, conversation]));

    // general: 5 messages, bob read up to 2; unread 3..5 include @channel, a mention and a deleted mention.
    expect(byId.get(general)).toMatchObject({ title: "general", lastSeq: 5, lastReadSeq: 2, unreadCount: 3, mentionCount: 2 });
    expect(byId.get(general)?.lastMessage).toMatchObject({ seq: 5, isDeleted: true, bodyPreview: "" });
    // random: bob's own @channel neither counts as unread nor as a mention.
    expect(byId.get(random)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    expect(byId.get(dm)).toMatchObject({
      kind: "dm",
      title: context.people.alice.name,
      unreadCount: 1,
      dmMembers: [{ id: context.people.alice.userId, name: context.people.alice.name, image: null }],
      lastMessage: { bodyPreview: "psst", senderName: context.people.alice.name },
    });
    expect(byId.get(quiet)).toMatchObject({ lastSeq: 0, unreadCount: 0, lastMessage: null, lastMessageAt: null });
  });

  it("pages with an opaque cursor without skipping or repeating", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let round = 0; round < 10; round += 1) {
      const page = await listConversations(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, limit: 1, cursor });
      seen.push(...page.conversations.map((conversation) => conversation.id));
      if (!page.hasMore) break;
      cursor = page.nextCursor ?? undefined;
    }
    expect(seen).toEqual([dm, random, general, quiet]);
  });

  it("shows only the caller's conversations and refuses outsiders and malformed cursors", async () => {
    const mallorys = await listConversations(ports, as(context.people.mallory), { workspaceId: context.people.workspaceId });
    expect(mallorys.conversations).toEqual([]);
    await expect(listConversations(ports, as(context.people.oscar), { workspaceId: context.people.workspaceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listConversations(ports, as(context.people.bob), { workspaceId: context.people.workspaceId, cursor: "garbage" })).rejects.toMatchObject({
      code: "INVALID",
    });
  });
});
