/**
 * One access rule (access-rule.sql.ts), every path held to it. For each
 * persona and conversation the rule gives two answers: may they read it, and
 * do they take part in it. Every path that decides access must agree:
 * tRPC (as a page of the app calls it), REST (as a script with an access
 * token calls it), the socket's subscriptions (socket-access.ts), the fan-out
 * check, the resync statement and service, and the send statement (by what it
 * stored). A path that diverges shows up as one cell of the matrix.
 *
 * authorization.int.test.ts holds every tRPC procedure against intruders on
 * private conversations; this file holds every path against every persona.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccessToken } from "../access-tokens/access-tokens.service.ts";
import { createApiContext } from "../context.ts";
import { sendMessage } from "../messages/messages.service.ts";
import { syncMessages } from "../messages/message-history.service.ts";
import { readSyncPage } from "../messages/sync-batching.ts";
import { systemClock } from "../ports.ts";
import { verifyRealtimeToken } from "../realtime/realtime-token.ts";
import { loadSocketAccess, receiversAmong } from "../realtime/socket-access.ts";
import { getConversationMessages, postMessage } from "../rest/messages.rest.ts";
import type { RestDependencies } from "../rest/rest-context.ts";
import { createAppCaller } from "../root.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createPersona, deactivateMembership, removeMembership } from "../testing/lapsed-members.ts";
import { assertPremise, createTestPorts, type Persona, type TestPorts } from "../testing/personas.ts";
import { appOrigin } from "../trpc.ts";
import { createChannel } from "./conversations.service.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;
let rest: RestDependencies;
const conversationIds = { public: "", private: "" };
type Place = keyof typeof conversationIds;

/** The rule's two answers for one persona in one conversation. */
interface Rule {
  mayRead: boolean;
  takesPart: boolean;
}

interface Case {
  label: string;
  persona: () => Persona;
  rule: Record<Place, Rule>;
}

let dora: Persona;
let rex: Persona;
const tokens = new Map<string, string>();

const reads = { mayRead: true, takesPart: true };
const previews = { mayRead: true, takesPart: false };
const refused = { mayRead: false, takesPart: false };

const cases: Case[] = [
  { label: "bob (member, participant of both)", persona: () => context.people.bob, rule: { public: reads, private: reads } },
  { label: "mallory (member, participant of neither)", persona: () => context.people.mallory, rule: { public: previews, private: refused } },
  { label: "gwen (guest, added to the private channel only)", persona: () => context.people.gwen, rule: { public: refused, private: reads } },
  { label: "oscar (another workspace)", persona: () => context.people.oscar, rule: { public: refused, private: refused } },
  { label: "dora (participant of both, deactivated here, active elsewhere)", persona: () => dora, rule: { public: refused, private: refused } },
  { label: "rex (participant rows left behind, removed here, active elsewhere)", persona: () => rex, rule: { public: refused, private: refused } },
];

beforeAll(async () => {
  const db = context.database.prisma;
  const { people } = context;
  ports = createTestPorts(db);
  rest = { db, makePorts: () => ports, logger: ports.logger };
  dora = await createPersona(db, people.workspaceId, "Dora Deactivated", "member");
  rex = await createPersona(db, people.workspaceId, "Rex Removed", "member");
  const alice = { userId: people.alice.userId };
  const everyone = [people.bob, dora, rex].map((persona) => persona.userId);
  conversationIds.public = (await createChannel(ports, alice, { workspaceId: people.workspaceId, name: "paths-public", memberIds: everyone })).id;
  conversationIds.private = (
    await createChannel(ports, alice, { workspaceId: people.workspaceId, name: "paths-private", isPrivate: true, memberIds: [...everyone, people.gwen.userId] })
  ).id;
  for (const conversationId of Object.values(conversationIds))
    await sendMessage(ports, alice, { conversationId, clientMessageId: randomUUID(), body: "first" });
  for (const persona of [people.bob, people.mallory, people.gwen, people.oscar, dora, rex]) {
    tokens.set(persona.userId, (await createAccessToken({ db, clock: systemClock }, { userId: persona.userId }, { name: "paths" })).token);
  }
  await deactivateMembership(db, people.workspaceId, dora);
  await removeMembership(db, people.workspaceId, rex);
  // Active in another workspace, so their sockets stay open: only the rule keeps them out of these conversations.
  for (const lapsed of [dora, rex]) await db.membership.create({ data: { workspaceId: people.otherWorkspaceId, userId: lapsed.userId, role: "member" } });
});

/** "ok", or the stable code of the refusal (tRPC's UNAUTHORIZED is the domain's UNAUTHENTICATED). */
async function outcomeOf(attempt: () => Promise<unknown>): Promise<string> {
  try {
    await attempt();
    return "ok";
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    return code === "UNAUTHORIZED" ? "UNAUTHENTICATED" : code;
  }
}

async function restOutcome(response: Response): Promise<string> {
  if (response.ok) return "ok";
  return ((await response.json()) as { error: { code: string } }).error.code;
}

function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

function trpcAs(userId: string | null) {
  return createAppCaller(createApiContext({ db: context.database.prisma, actor: userId ? { userId } : null, origin: appOrigin() }));
}

/** What every path answers for `persona` in `conversationId`. */
async function answersOf(persona: Persona, conversationId: string): Promise<Record<string, string>> {
  const db = context.database.prisma;
  const trpc = trpcAs(persona.userId);
  const token = tokens.get(persona.userId);
  const actor = { userId: persona.userId };
  const trpcSend = randomUUID();
  const restSend = randomUUID();
  const socket = await loadSocketAccess(db, persona.userId);
  const syncPage = await readSyncPage(db, { userId: persona.userId, conversationId, afterSeq: 0, take: 10 });
  const answers = {
    "tRPC conversations.get": await outcomeOf(() => trpc.conversations.get({ conversationId })),
    "tRPC messages.list (history)": await outcomeOf(() => trpc.messages.list({ conversationId })),
    "REST GET messages (history)": await restOutcome(
      await getConversationMessages(new Request(`http://localhost/api/v1/conversations/${conversationId}/messages`, { headers: bearer(token) }), rest, {
        conversationId,
      }),
    ),
    "tRPC messages.send": await outcomeOf(() => trpc.messages.send({ conversationId, clientMessageId: trpcSend, body: "via tRPC" })),
    "REST POST messages": await restOutcome(
      await postMessage(
        new Request("http://localhost/api/v1/messages", {
          method: "POST",
          headers: { "content-type": "application/json", ...bearer(token) },
          body: JSON.stringify({ conversationId, clientMessageId: restSend, body: "via REST" }),
        }),
        rest,
      ),
    ),
    "tRPC reads.markRead": await outcomeOf(() => trpc.reads.markRead({ conversationId, seq: 1 })),
    "sync service": await outcomeOf(() => syncMessages(ports, actor, { conversationId, afterSeq: 0, limit: 10 })),
    "sync statement reads messages": syncPage.rows.length > 0 ? "ok" : "refused",
    "socket follows it": socket?.isActive && socket.conversationIds.includes(conversationId) ? "ok" : "refused",
    "fan-out delivers to them": (await receiversAmong(ports, conversationId, [persona.userId])).has(persona.userId) ? "ok" : "refused",
    "send statement stored the sends": "",
  };
  const stored = await db.messageIdempotency.count({ where: { senderId: persona.userId, clientMessageId: { in: [trpcSend, restSend] } } });
  answers["send statement stored the sends"] = stored === 2 ? "ok" : stored === 0 ? "refused" : `stored ${stored} of 2`;
  return answers;
}

/** The same paths' answers as the rule gives them. */
function expectedAnswers(rule: Rule): Record<string, string> {
  const read = rule.mayRead ? "ok" : "NOT_FOUND";
  const takePart = rule.takesPart ? "ok" : rule.mayRead ? "FORBIDDEN" : "NOT_FOUND";
  const follows = rule.takesPart ? "ok" : "refused";
  return {
    "tRPC conversations.get": read,
    "tRPC messages.list (history)": read,
    "REST GET messages (history)": read,
    "tRPC messages.send": takePart,
    "REST POST messages": takePart,
    "tRPC reads.markRead": takePart,
    "sync service": takePart,
    "sync statement reads messages": follows,
    "socket follows it": follows,
    "fan-out delivers to them": follows,
    "send statement stored the sends": follows,
  };
}

async function guardPremises(): Promise<void> {
  const db = context.database.prisma;
  const { people } = context;
  const membership = (persona: Persona) =>
    db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: people.workspaceId, userId: persona.userId } } });
  const places = (persona: Persona) =>
    db.participant
      .findMany({ where: { userId: persona.userId, conversationId: { in: Object.values(conversationIds) } }, select: { conversationId: true } })
      .then((rows) => rows.map((row) => row.conversationId).sort());
  const both = Object.values(conversationIds).sort();
  assertPremise((await membership(people.bob))?.deactivatedAt === null && (await places(people.bob)).length === 2, "bob is an active member in both");
  assertPremise((await membership(people.mallory))?.role === "member" && (await places(people.mallory)).length === 0, "mallory is a member outside both");
  assertPremise((await membership(people.gwen))?.role === "guest", "gwen is a guest");
  assertPremise(JSON.stringify(await places(people.gwen)) === JSON.stringify([conversationIds.private]), "gwen is in the private channel only");
  assertPremise((await membership(people.oscar)) === null && (await places(people.oscar)).length === 0, "oscar is outside the workspace");
  assertPremise(
    (await membership(dora))?.deactivatedAt instanceof Date && JSON.stringify(await places(dora)) === JSON.stringify(both),
    "dora is deactivated, still a participant of both",
  );
  assertPremise((await membership(rex)) === null && JSON.stringify(await places(rex)) === JSON.stringify(both), "rex has no membership, only participant rows");
  for (const lapsed of [dora, rex]) {
    const socket = await loadSocketAccess(db, lapsed.userId);
    assertPremise(socket?.isActive === true, `${lapsed.name} is active elsewhere, so a socket of theirs opens`);
  }
  for (const conversationId of both) assertPremise((await db.message.count({ where: { conversationId } })) > 0, "each conversation has a message to read");
}

describe("one access rule over every path", () => {
  it("has the personas it claims to have", guardPremises);

  it.each(cases)("gives $label the same answer on every path", async ({ persona, rule }) => {
    await guardPremises();
    for (const place of ["public", "private"] as const) {
      const conversationId = conversationIds[place];
      const messagesBefore = await context.database.prisma.message.count({ where: { conversationId } });
      const answers = await answersOf(persona(), conversationId);
      expect({ place, ...answers }).toEqual({ place, ...expectedAnswers(rule[place]) });
      const messagesAfter = await context.database.prisma.message.count({ where: { conversationId } });
      expect(messagesAfter - messagesBefore, `${place}: messages stored`).toBe(rule[place].takesPart ? 2 : 0);
    }
  });

  it("refuses an anonymous caller on every path it can reach, and gives it no socket", async () => {
    const trpc = trpcAs(null);
    for (const conversationId of Object.values(conversationIds)) {
      expect({
        get: await outcomeOf(() => trpc.conversations.get({ conversationId })),
        list: await outcomeOf(() => trpc.messages.list({ conversationId })),
        send: await outcomeOf(() => trpc.messages.send({ conversationId, clientMessageId: randomUUID(), body: "anonymous" })),
        markRead: await outcomeOf(() => trpc.reads.markRead({ conversationId, seq: 1 })),
        realtimeToken: await outcomeOf(() => trpc.realtime.token()),
        restHistory: await restOutcome(
          await getConversationMessages(new Request(`http://localhost/api/v1/conversations/${conversationId}/messages`), rest, { conversationId }),
        ),
        restSend: await restOutcome(
          await postMessage(
            new Request("http://localhost/api/v1/messages", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ conversationId, body: "anonymous" }),
            }),
            rest,
          ),
        ),
      }).toEqual({
        get: "UNAUTHENTICATED",
        list: "UNAUTHENTICATED",
        send: "UNAUTHENTICATED",
        markRead: "UNAUTHENTICATED",
        realtimeToken: "UNAUTHENTICATED",
        restHistory: "UNAUTHENTICATED",
        restSend: "UNAUTHENTICATED",
      });
    }
    // Without a token from the app (above) a socket's hello cannot name a user: a made-up token is refused.
    await expect(verifyRealtimeToken("a-secret-of-at-least-thirty-two-characters", "not-a-token")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await context.database.prisma.message.count({ where: { body: "anonymous" } })).toBe(0);
  });
});
