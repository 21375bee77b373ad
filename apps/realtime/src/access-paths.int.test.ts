/**
 * The one access rule (packages/api conversations/access-rule.sql.ts) over a
 * real socket: for each persona, what its socket receives of a conversation
 * (subscription and fan-out), and how a send and a sync of it are answered,
 * must match the rule's answer. packages/api's access-paths.int.test.ts holds
 * tRPC, REST and the statements to the same personas and answers.
 */
import { createChannel } from "@parley/api/conversations/conversations.service";
import { sendMessage } from "@parley/api/messages/messages.service";
import { createPersona, deactivateMembership, removeMembership } from "@parley/api/testing/lapsed-members";
import type { ServerFrame } from "@parley/protocol/frames";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestSocket } from "./testing/test-socket.ts";
import { aliceId, allowedOrigin, bobId, startTestServer, tokenFor, type TestRealtimeServer } from "./testing/test-server.ts";

let server: TestRealtimeServer;
const conversationIds = { public: "", private: "" };
type Place = keyof typeof conversationIds;
type Rule = { mayRead: boolean; takesPart: boolean };
const reads: Rule = { mayRead: true, takesPart: true };
const previews: Rule = { mayRead: true, takesPart: false };
const refused: Rule = { mayRead: false, takesPart: false };

interface Case {
  label: string;
  userId: () => string;
  rule: Record<Place, Rule>;
}
const people: Record<"mallory" | "gwen" | "oscar" | "dora" | "rex", string> = { mallory: "", gwen: "", oscar: "", dora: "", rex: "" };

// Bob is the participant every case compares with: once an event reached his socket, it reached every socket it was going to.
const cases: Case[] = [
  { label: "mallory (member, participant of neither)", userId: () => people.mallory, rule: { public: previews, private: refused } },
  { label: "gwen (guest, added to the private channel only)", userId: () => people.gwen, rule: { public: refused, private: reads } },
  { label: "oscar (another workspace)", userId: () => people.oscar, rule: { public: refused, private: refused } },
  { label: "dora (participant of both, deactivated here, active elsewhere)", userId: () => people.dora, rule: { public: refused, private: refused } },
  { label: "rex (participant rows left behind, removed here, active elsewhere)", userId: () => people.rex, rule: { public: refused, private: refused } },
];

beforeAll(async () => {
  server = await startTestServer({ readerCacheTtlMs: 60_000 });
  const db = server.database.prisma;
  const workspaceId = (await db.membership.findFirstOrThrow({ where: { userId: aliceId }, select: { workspaceId: true } })).workspaceId;
  const elsewhere = (await db.workspace.create({ data: { slug: "elsewhere", name: "Elsewhere" }, select: { id: true } })).id;
  people.mallory = (await createPersona(db, workspaceId, "Mallory", "member")).userId;
  people.gwen = (await createPersona(db, workspaceId, "Gwen Guest", "guest")).userId;
  people.oscar = (await createPersona(db, elsewhere, "Oscar Outsider", "owner")).userId;
  const dora = await createPersona(db, workspaceId, "Dora Deactivated", "member");
  const rex = await createPersona(db, workspaceId, "Rex Removed", "member");
  people.dora = dora.userId;
  people.rex = rex.userId;
  const alice = { userId: aliceId };
  conversationIds.public = (await createChannel(server.ports, alice, { workspaceId, name: "paths-public", memberIds: [bobId, dora.userId, rex.userId] })).id;
  conversationIds.private = (
    await createChannel(server.ports, alice, { workspaceId, name: "paths-private", isPrivate: true, memberIds: [bobId, people.gwen, dora.userId, rex.userId] })
  ).id;
  await deactivateMembership(db, workspaceId, dora);
  await removeMembership(db, workspaceId, rex);
  // Active somewhere, so their sockets open: only the rule keeps them out of these conversations.
  for (const userId of [dora.userId, rex.userId]) await db.membership.create({ data: { workspaceId: elsewhere, userId, role: "member" } });
});
afterAll(async () => {
  await server.close();
});

async function connect(userId: string): Promise<TestSocket> {
  const socket = await TestSocket.open(server.url, { origin: allowedOrigin });
  expect(await socket.hello(tokenFor(userId))).toMatchObject({ type: "ready", userId });
  return socket;
}

/** What the socket's frames answered: "ok" or the error code. */
function answerTo(frame: ServerFrame): string {
  return frame.type === "error" ? frame.code : "ok";
}

async function socketAnswers(userId: string, bob: TestSocket, place: Place): Promise<Record<string, string>> {
  const conversationId = conversationIds[place];
  const socket = await connect(userId);
  try {
    const sent = await sendMessage(server.ports, { userId: aliceId }, { conversationId, clientMessageId: crypto.randomUUID(), body: `to ${place}` });
    await bob.waitForFrame((frame) => frame.type === "event" && frame.event.type === "message.created" && frame.event.message.id === sent.message.id);
    const received = socket.log.some((frame) => frame.type === "event" && frame.event.type === "message.created" && frame.event.message.id === sent.message.id);
    const clientMessageId = crypto.randomUUID();
    socket.send({ type: "send", conversationId, clientMessageId, body: "from the socket" });
    const send = await socket.waitForFrame((frame) => (frame.type === "ack" || frame.type === "error") && frame.clientMessageId === clientMessageId);
    socket.send({ type: "sync", conversationId, afterSeq: 0 });
    const sync = await socket.waitForFrame((frame) => (frame.type === "sync.batch" || frame.type === "error") && frame.conversationId === conversationId);
    return { "receives its events": received ? "ok" : "refused", "send frame": answerTo(send), "sync frame": answerTo(sync) };
  } finally {
    await socket.close();
  }
}

function expectedAnswers(rule: Rule): Record<string, string> {
  const takePart = rule.takesPart ? "ok" : rule.mayRead ? "FORBIDDEN" : "NOT_FOUND";
  return { "receives its events": rule.takesPart ? "ok" : "refused", "send frame": takePart, "sync frame": takePart };
}

describe("one access rule over a real socket", () => {
  it("holds its premises: bob is in both, the lapsed are active elsewhere only", async () => {
    const db = server.database.prisma;
    const inBoth = async (userId: string) => (await db.participant.count({ where: { userId, conversationId: { in: Object.values(conversationIds) } } })) === 2;
    expect(await inBoth(bobId)).toBe(true);
    expect(await inBoth(people.dora)).toBe(true);
    expect(await inBoth(people.rex)).toBe(true);
    expect(await db.participant.count({ where: { userId: people.mallory } })).toBe(0);
    const activeWorkspaces = (userId: string) =>
      db.membership.findMany({ where: { userId, deactivatedAt: null }, select: { workspace: { select: { slug: true } } } });
    expect(await activeWorkspaces(people.dora)).toEqual([{ workspace: { slug: "elsewhere" } }]);
    expect(await activeWorkspaces(people.rex)).toEqual([{ workspace: { slug: "elsewhere" } }]);
  });

  it("gives bob (a participant) every event, send and sync", async () => {
    const bob = await connect(bobId);
    try {
      for (const place of ["public", "private"] as const) expect(await socketAnswers(bobId, bob, place)).toEqual(expectedAnswers(reads));
    } finally {
      await bob.close();
    }
  });

  it.each(cases)("answers $label as the rule does", async ({ userId, rule }) => {
    const bob = await connect(bobId);
    try {
      for (const place of ["public", "private"] as const) {
        expect({ place, ...(await socketAnswers(userId(), bob, place)) }).toEqual({ place, ...expectedAnswers(rule[place]) });
      }
    } finally {
      await bob.close();
    }
  });
});
