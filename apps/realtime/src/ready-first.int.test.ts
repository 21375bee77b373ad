/**
 * `ready` is the first frame a session sends. Its topics are live before
 * `ready` (so the client's sync after it misses nothing), but an event that
 * arrived ahead of `ready` reached a browser client still "connecting": the
 * sync it asked for the gap could not be sent, and the conversation then
 * waited for an answer that never came (found by the reconnect bench).
 */
import { createChannel } from "@parley/api/conversations/conversations.service";
import { sendMessage } from "@parley/api/messages/messages.service";
import { createMemoryPresenceStore } from "@parley/api/presence/memory-presence-store";
import type { PresenceStore } from "@parley/api/presence/presence-store";
import { describe, expect, it } from "vitest";
import { TestSocket } from "./testing/test-socket.ts";
import { aliceId, allowedOrigin, bobId, testServerForThisBlock, tokenFor, waitFor } from "./testing/test-server.ts";

// Holds Bob's session start (its last step, presence) open while the test publishes into his subscribed topics.
let releasePresence: (() => void) | null = null;
let isHoldingPresence = false;
const memoryStore = createMemoryPresenceStore();
const gatedStore: PresenceStore = {
  ...memoryStore,
  setStatus: async (...args) => {
    if (isHoldingPresence) await new Promise<void>((resolve) => (releasePresence = resolve));
    return memoryStore.setStatus(...args);
  },
};

const server = testServerForThisBlock({ presenceStore: gatedStore });

/** message.created events this node has fanned out (each observed once in the delivery-latency histogram). */
async function fannedOutMessages(): Promise<number> {
  const metric = await server.metrics.deliveryLatency.get();
  return metric.values.find((value) => value.metricName?.endsWith("_count"))?.value ?? 0;
}

describe("a session's first frame", () => {
  it("is ready, even when an event of a subscribed conversation is published while the session is starting", async () => {
    const workspaceId = (await server.database.prisma.membership.findFirstOrThrow({ where: { userId: aliceId }, select: { workspaceId: true } })).workspaceId;
    const channel = await createChannel(server.ports, { userId: aliceId }, { workspaceId, name: "ready-first", isPrivate: true, memberIds: [bobId] });

    isHoldingPresence = true;
    const bob = await TestSocket.open(server.url, { origin: allowedOrigin });
    bob.send({ type: "hello", v: 1, token: tokenFor(bobId) });
    await waitFor(() => releasePresence !== null);
    // Bob's topics are live now and his `ready` is not sent yet.
    expect(server.topicCount()).toBeGreaterThan(0);
    const fannedOutBefore = await fannedOutMessages();
    await sendMessage(server.ports, { userId: aliceId }, { conversationId: channel.id, clientMessageId: "before-ready", body: "sent while bob connects" });
    // The node has handed the event to Bob's session (the premise: it happened before ready).
    await waitFor(async () => (await fannedOutMessages()) > fannedOutBefore);
    isHoldingPresence = false;
    releasePresence?.();

    expect(await bob.nextFrame()).toMatchObject({ type: "ready", userId: bobId });
    // What was published before ready is Bob's sync's to fetch, from Postgres.
    bob.send({ type: "sync", conversationId: channel.id, afterSeq: 0 });
    expect(await bob.nextFrame()).toMatchObject({ type: "sync.batch", messages: [{ seq: 1, body: "sent while bob connects" }], hasMore: false });
    await bob.close();
  });
});
