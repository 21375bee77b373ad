/**
 * Two realtime node processes over a real Redis, with the browser's own
 * RealtimeClient (over `ws`): users on different nodes hear each other; an
 * outsider's sockets on either node hear nothing of a private channel; 100
 * clients in one channel receive 1,000 messages while Redis is killed and
 * restarted — and every client ends with exactly seqs 1..N, in order, none
 * lost, none twice; then one node is SIGKILLed mid-stream and its clients,
 * failing over to the other, end the same way.
 */
import { createChannel } from "@parley/api/conversations/conversations.service";
import { leaveConversation } from "@parley/api/conversations/channel-membership.service";
import { sendMessage } from "@parley/api/messages/messages.service";
import { createRedisBus } from "@parley/api/bus/redis-bus";
import { startTestRedis, type TestRedis } from "@parley/api/testing/redis-server";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventBus } from "@parley/api/bus/event-bus";
import { startNodeProcess, type NodeProcess } from "./testing/node-process.ts";
import { isMessageCreated, TestSocket } from "./testing/test-socket.ts";
import { aliceId, allowedOrigin, bobId, createNodePorts, seedSocketUsers, testLogger, tokenFor, waitFor } from "./testing/test-server.ts";
import { RealtimeClient } from "@parley/realtime-client/realtime-client";
import { wsSocketFactory } from "@parley/realtime-client/testing/ws-socket-factory";

const frameLog: string[] = [];
// Errors, resyncs and closes, tallied in the message of a failure.
const wsFactory = wsSocketFactory({
  origin: allowedOrigin,
  observe: (line) => {
    if (line.startsWith('{"type":"error"') || line.startsWith('{"type":"resync"') || line.startsWith("close ")) frameLog.push(line);
  },
});

let redis: TestRedis;
let database: TestDatabase;
let bus: EventBus;
let workspaceId: string;
const nodes: NodeProcess[] = [];
const alive = new Set<NodeProcess>();
// What beforeAll started, undone in reverse order: a setup that failed halfway leaves nothing running.
const releases: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  releases.push(() => redis.kill());
  database = await createTestDatabase();
  releases.push(() => database.drop());
  ({ workspaceId } = await seedSocketUsers(database.prisma));
  bus = await createRedisBus({ url: redis.url, logger: testLogger });
  releases.push(() => bus.close());
  for (let index = 0; index < 2; index += 1) {
    const node = await startNodeProcess({ databaseUrl: database.url, redisUrl: redis.url });
    nodes.push(node);
    alive.add(node);
  }
}, 120_000);
afterAll(async () => {
  for (const node of nodes) await node.kill();
  for (const release of releases.reverse()) await release();
});

async function readySocket(userId: string, node: NodeProcess): Promise<TestSocket> {
  const socket = await TestSocket.open(node.url, { origin: allowedOrigin });
  expect(await socket.hello(tokenFor(userId))).toMatchObject({ type: "ready", userId });
  return socket;
}

/** The web app's side: the same sendMessage over the same Redis. */
const webPorts = () => createNodePorts(database.prisma, bus);

interface Listener {
  client: RealtimeClient;
  seqs: number[];
}

/** A client that prefers `node` and, when it is dead, reconnects to a live one (what a load balancer does). */
function listen(userId: string, node: NodeProcess, conversationId: string): Listener {
  const seqs: number[] = [];
  const client = new RealtimeClient({
    fetchCredentials: async () => ({ token: tokenFor(userId), url: (alive.has(node) ? node : [...alive][0]!).url }),
    createSocket: wsFactory,
    backoff: { initialMs: 50, maxMs: 500 },
    onEvent: (event) => {
      if (event.type === "message.created" && event.conversationId === conversationId) seqs.push(event.message.seq);
    },
  });
  client.trackConversation(conversationId, 0);
  client.start();
  return { client, seqs };
}

describe("two nodes over Redis", () => {
  it("users on different nodes exchange messages", async () => {
    const channel = await createChannel(webPorts(), { userId: aliceId }, { workspaceId, name: "across", isPrivate: true, memberIds: [bobId] });
    const alice = listen(aliceId, nodes[0]!, channel.id);
    const bob = listen(bobId, nodes[1]!, channel.id);
    await waitFor(() => alice.client.getStatus() === "live" && bob.client.getStatus() === "live");
    const ack = await alice.client.send({ conversationId: channel.id, clientMessageId: "across-1", body: "from node A" });
    expect(ack.message.seq).toBe(1);
    await waitFor(() => bob.seqs.length === 1);
    const reply = await bob.client.send({ conversationId: channel.id, clientMessageId: "across-2", body: "from node B" });
    expect(reply.message.seq).toBe(2);
    // Bob hears his own message back on the topic too; wait for both.
    await waitFor(() => alice.seqs.length === 2 && bob.seqs.length === 2);
    expect(alice.seqs).toEqual([1, 2]);
    expect(bob.seqs).toEqual([1, 2]);
    alice.client.stop();
    bob.client.stop();
  });

  it("a socket on either node hears nothing of a private channel its user is not in, and is refused sync, send and typing there", async () => {
    const malloryId = randomUUID();
    await database.prisma.user.create({ data: { id: malloryId, name: "Mallory", email: "mallory@realtime.test" } });
    await database.prisma.membership.create({ data: { workspaceId, userId: malloryId, role: "member" } });
    const channel = await createChannel(webPorts(), { userId: aliceId }, { workspaceId, name: "vault", isPrivate: true, memberIds: [bobId] });
    const [alice, bob, malloryHere, malloryThere] = await Promise.all([
      readySocket(aliceId, nodes[0]!),
      readySocket(bobId, nodes[1]!),
      readySocket(malloryId, nodes[0]!),
      readySocket(malloryId, nodes[1]!),
    ]);
    expect(await database.prisma.participant.count({ where: { conversationId: channel.id, userId: malloryId } }), "Mallory must be an outsider").toBe(0);

    alice.send({ type: "send", conversationId: channel.id, clientMessageId: "vault-1", body: "the combination is 1234" });
    await bob.waitForFrame(isMessageCreated(channel.id, 1));
    for (const mallory of [malloryHere, malloryThere]) {
      mallory.send({ type: "sync", conversationId: channel.id, afterSeq: 0 });
      expect(await mallory.waitForFrame((frame) => frame.type === "error" && frame.conversationId === channel.id)).toMatchObject({ code: "NOT_FOUND" });
      mallory.send({ type: "send", conversationId: channel.id, clientMessageId: "spy-1", body: "let me in" });
      expect(await mallory.waitForFrame((frame) => frame.type === "error" && frame.clientMessageId === "spy-1")).toMatchObject({ code: "NOT_FOUND" });
      mallory.send({ type: "typing", conversationId: channel.id });
      await mallory.waitForFrame((frame) => frame.type === "error" && /Typing/.test(frame.message));
    }

    // Bob leaves on the web app; the next message does not reach his socket on the other node.
    await leaveConversation(webPorts(), { userId: bobId }, { conversationId: channel.id });
    await bob.waitForFrame((frame) => frame.type === "event" && frame.event.type === "conversation.removed");
    alice.send({ type: "send", conversationId: channel.id, clientMessageId: "vault-2", body: "bob is gone" });
    await alice.waitForFrame(isMessageCreated(channel.id, 2));
    // A sentinel in a channel Bob is still in, sent after: once he has it, seq 2 would have arrived first.
    const sentinel = await createChannel(webPorts(), { userId: aliceId }, { workspaceId, name: "sentinel", isPrivate: true, memberIds: [bobId] });
    await bob.waitForFrame((frame) => frame.type === "event" && frame.event.type === "conversation.added");
    await sendMessage(webPorts(), { userId: aliceId }, { conversationId: sentinel.id, clientMessageId: "sentinel-1", body: "ping" });
    await bob.waitForFrame(isMessageCreated(sentinel.id, 1));
    expect(bob.createdSeqs(channel.id)).toEqual([1]);
    for (const mallory of [malloryHere, malloryThere]) expect(mallory.log.filter((frame) => frame.type === "event" || frame.type === "typing")).toEqual([]);
    await Promise.all([alice, bob, malloryHere, malloryThere].map((socket) => socket.close()));
  });

  it("100 clients get 1,000 messages exactly once and in order through a Redis restart", async () => {
    const { channelId, listeners } = await hundredListeners("storm");
    for (let index = 1; index <= MESSAGE_COUNT; index += 1) {
      await sendMessage(webPorts(), { userId: aliceId }, { conversationId: channelId, clientMessageId: `storm-${index}`, body: `message ${index}` });
      if (index === 600) await redis.kill();
      if (index === 650) redis = await startTestRedis(redis.port);
    }
    await expectEveryoneHasAll(listeners);
  }, 180_000);

  // Last: it leaves one node. The dead node's clients reconnect to the other
  // while messages keep coming, so live events can reach a socket before it is
  // ready (the case that once left clients stuck with a sync never sent).
  it("100 clients get 1,000 messages exactly once and in order through a node kill (SIGKILL by pid)", async () => {
    const { channelId, listeners } = await hundredListeners("failover");
    const victim = nodes[1]!;
    for (let index = 1; index <= MESSAGE_COUNT; index += 1) {
      await sendMessage(webPorts(), { userId: aliceId }, { conversationId: channelId, clientMessageId: `failover-${index}`, body: `message ${index}` });
      if (index === 300) {
        alive.delete(victim);
        await victim.kill();
      }
    }
    await expectEveryoneHasAll(listeners);
    expect(frameLog.filter((line) => line === "close 1006").length, "the victim's clients saw their node die").toBeGreaterThanOrEqual(50);
  }, 180_000);
});

const MESSAGE_COUNT = 1_000;

/** 100 new members of a new private channel, half on each node, all live. */
async function hundredListeners(name: string): Promise<{ channelId: string; listeners: Listener[] }> {
  const userIds = Array.from({ length: 100 }, () => randomUUID());
  await database.prisma.user.createMany({ data: userIds.map((id) => ({ id, name: `Listener ${id.slice(0, 8)}`, email: `${id}@realtime.test` })) });
  await database.prisma.membership.createMany({ data: userIds.map((userId) => ({ workspaceId, userId, role: "member" as const })) });
  const channel = await createChannel(webPorts(), { userId: aliceId }, { workspaceId, name, isPrivate: true });
  await database.prisma.participant.createMany({ data: userIds.map((userId) => ({ conversationId: channel.id, userId })) });
  const listeners = userIds.map((userId, index) => listen(userId, nodes[index % 2]!, channel.id));
  await waitFor(() => listeners.every((listener) => listener.client.getStatus() === "live"), 30_000);
  return { channelId: channel.id, listeners };
}

/** Every listener ends with exactly seqs 1..MESSAGE_COUNT in order; a failure tallies where clients stopped. */
async function expectEveryoneHasAll(listeners: Listener[]): Promise<void> {
  await waitFor(() => listeners.every((listener) => listener.seqs.length >= MESSAGE_COUNT), 60_000).catch((error: unknown) => {
    const counts = new Map<string, number>();
    for (const listener of listeners) {
      const key = `${listener.client.getStatus()}:${listener.seqs.length}:last=${listener.seqs.at(-1)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const tally = new Map<string, number>();
    for (const line of frameLog) tally.set(line.slice(0, 160), (tally.get(line.slice(0, 160)) ?? 0) + 1);
    throw new Error(`not every client caught up: ${JSON.stringify([...counts])} frames: ${JSON.stringify([...tally])}`, { cause: error });
  });
  const expected = Array.from({ length: MESSAGE_COUNT }, (_, index) => index + 1);
  for (const listener of listeners) expect(listener.seqs).toEqual(expected);
  for (const listener of listeners) listener.client.stop();
}
