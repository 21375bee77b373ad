/**
 * Two realtime node processes over a real Redis, with the browser's own
 * RealtimeClient (over `ws`): users on different nodes hear each other; 100
 * clients in one channel receive 1,000 messages while Redis is killed and
 * restarted — and every client ends with exactly seqs 1..N, in order, none
 * lost, none twice; then one node is SIGKILLed mid-stream and its clients,
 * failing over to the other, end the same way.
 */
import { createChannel } from "@parley/api/conversations/conversations.service";
import { sendMessage } from "@parley/api/messages/messages.service";
import { createRedisBus } from "@parley/api/bus/redis-bus";
import { startTestRedis, type TestRedis } from "@parley/api/testing/redis-server";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventBus } from "@parley/api/bus/event-bus";
import { startNodeProcess, type NodeProcess } from "../../../realtime/src/testing/node-process.ts";
import { aliceId, bobId, createNodePorts, seedSocketUsers, testLogger, tokenFor, waitFor } from "../../../realtime/src/testing/test-server.ts";
import { RealtimeClient } from "./realtime-client.ts";
import { wsSocketFactory } from "./testing/ws-socket-factory.ts";

const frameLog: string[] = [];
// Errors, resyncs and closes, tallied in the message of a failure.
const wsFactory = wsSocketFactory((line) => {
  if (line.startsWith('{"type":"error"') || line.startsWith('{"type":"resync"') || line.startsWith("close ")) frameLog.push(line);
});

let redis: TestRedis;
let database: TestDatabase;
let bus: EventBus;
let workspaceId: string;
const nodes: NodeProcess[] = [];
const alive = new Set<NodeProcess>();

beforeAll(async () => {
  redis = await startTestRedis();
  database = await createTestDatabase();
  ({ workspaceId } = await seedSocketUsers(database.prisma));
  bus = await createRedisBus({ url: redis.url, logger: testLogger });
  for (let index = 0; index < 2; index += 1) {
    const node = await startNodeProcess({ databaseUrl: database.url, redisUrl: redis.url });
    nodes.push(node);
    alive.add(node);
  }
}, 120_000);
afterAll(async () => {
  for (const node of nodes) await node.kill();
  await bus?.close();
  await database?.drop();
  await redis?.kill();
});

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
    fetchCredentials: async () => ({ token: await tokenFor(userId), url: (alive.has(node) ? node : [...alive][0]!).url }),
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
    await waitFor(() => alice.seqs.length === 2);
    expect(alice.seqs).toEqual([1, 2]);
    expect(bob.seqs).toEqual([1, 2]);
    alice.client.stop();
    bob.client.stop();
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
