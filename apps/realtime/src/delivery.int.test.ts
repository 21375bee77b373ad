/**
 * One realtime node over a real database: sends over the socket, fan-out to
 * participants only, removal taking effect at once, sync, typing, presence
 * and the slow-client rule.
 */
import { createChannel } from "@parley/api/conversations/conversations.service";
import { inviteMembers, leaveConversation } from "@parley/api/conversations/channel-membership.service";
import { sendMessage } from "@parley/api/messages/messages.service";
import { beforeAll, describe, expect, it } from "vitest";
import { isMessageCreated, TestSocket } from "./testing/test-socket.ts";
import { addSocketMember, aliceId, allowedOrigin, bobId, testServerForThisBlock, tokenFor, waitFor } from "./testing/test-server.ts";

const server = testServerForThisBlock({ readerCacheTtlMs: 60_000, presenceSweepIntervalMs: 200 });
let workspaceId: string;
const carolId = "3a7d1c55-8b2e-4f60-9c1d-5e7f9a0b2c33";

beforeAll(async () => {
  ({ workspaceId } = await addSocketMember(server.database.prisma, { id: carolId, name: "Carol" }));
});

const ports = () => server.ports;

async function connect(userId: string): Promise<TestSocket> {
  const socket = await TestSocket.open(server.url, { origin: allowedOrigin });
  const ready = await socket.hello(tokenFor(userId));
  expect(ready).toMatchObject({ type: "ready", userId });
  return socket;
}

let channelCounter = 0;
async function privateChannel(memberIds: string[]): Promise<string> {
  channelCounter += 1;
  const channel = await createChannel(ports(), { userId: aliceId }, { workspaceId, name: `secret-${channelCounter}`, isPrivate: true, memberIds });
  return channel.id;
}

describe("sending and fan-out", () => {
  it("acks a socket send once committed and delivers it to the other participants' sockets", async () => {
    const conversationId = await privateChannel([bobId]);
    const [alice, bob, carol] = await Promise.all([connect(aliceId), connect(bobId), connect(carolId)]);

    alice.send({ type: "send", conversationId, clientMessageId: "c-1", body: "hello bob" });
    const ack = await alice.waitForFrame((frame) => frame.type === "ack");
    expect(ack).toMatchObject({ type: "ack", clientMessageId: "c-1", isReplay: false, message: { seq: 1, body: "hello bob", senderId: aliceId } });
    const stored = await server.database.prisma.message.findMany({ where: { conversationId }, select: { body: true } });
    expect(stored).toEqual([{ body: "hello bob" }]);

    const delivered = await bob.waitForFrame(isMessageCreated(conversationId, 1));
    expect(delivered).toMatchObject({ event: { clientMessageId: "c-1", message: { body: "hello bob" } } });
    const latency = await server.metrics.deliveryLatency.get();
    expect(latency.values.find((value) => value.metricName === "parley_realtime_delivery_seconds_count")?.value).toBeGreaterThanOrEqual(1);
    // The sender's own socket gets the event too (its other tabs replace their optimistic copy by clientMessageId).
    await alice.waitForFrame(isMessageCreated(conversationId, 1));

    // A retry of the same clientMessageId is a replay: same message, nothing new stored.
    alice.send({ type: "send", conversationId, clientMessageId: "c-1", body: "hello bob" });
    await waitFor(() => alice.log.filter((frame) => frame.type === "ack").length === 2);
    expect(alice.log.filter((frame) => frame.type === "ack")[1]).toMatchObject({ isReplay: true, message: { seq: 1 } });

    // Carol is in the workspace but not the private channel: nothing reaches her.
    await sendMessage(ports(), { userId: bobId }, { conversationId, clientMessageId: "b-1", body: "sentinel" });
    await alice.waitForFrame(isMessageCreated(conversationId, 2));
    expect(carol.log.filter((frame) => frame.type === "event")).toEqual([]);
    await Promise.all([alice.close(), bob.close(), carol.close()]);
  });

  it("answers a refused send with an error frame carrying its clientMessageId", async () => {
    const conversationId = await privateChannel([]);
    const carol = await connect(carolId);
    carol.send({ type: "send", conversationId, clientMessageId: "x-1", body: "let me in" });
    expect(await carol.waitForFrame((frame) => frame.type === "error")).toMatchObject({ code: "NOT_FOUND", clientMessageId: "x-1" });
    carol.send({ type: "send", conversationId, clientMessageId: "x-2", body: " \n " });
    expect(await carol.waitForFrame((frame) => frame.type === "error" && frame.clientMessageId === "x-2")).toMatchObject({ code: "INVALID" });
    expect(await server.database.prisma.message.count({ where: { conversationId } })).toBe(0);
    await carol.close();
  });

  it("stops delivering to a socket the moment its user leaves, and starts when one is added", async () => {
    const conversationId = await privateChannel([bobId]);
    const [alice, bob, carol] = await Promise.all([connect(aliceId), connect(bobId), connect(carolId)]);
    await sendMessage(ports(), { userId: aliceId }, { conversationId, clientMessageId: "m-1", body: "one" });
    await bob.waitForFrame(isMessageCreated(conversationId, 1));

    await leaveConversation(ports(), { userId: bobId }, { conversationId });
    await bob.waitForFrame((frame) => frame.type === "event" && frame.event.type === "conversation.removed");
    await inviteMembers(ports(), { userId: aliceId }, { conversationId, userIds: [carolId] });
    await carol.waitForFrame((frame) => frame.type === "event" && frame.event.type === "conversation.added");

    await sendMessage(ports(), { userId: aliceId }, { conversationId, clientMessageId: "m-2", body: "two" });
    await carol.waitForFrame(isMessageCreated(conversationId, 2));
    await alice.waitForFrame(isMessageCreated(conversationId, 2));
    expect(bob.createdSeqs(conversationId)).toEqual([1]);
    await Promise.all([alice.close(), bob.close(), carol.close()]);
  });
});

describe("sync", () => {
  it("returns what was missed after a seq, in order, paging with hasMore; refuses non-participants", async () => {
    const conversationId = await privateChannel([bobId]);
    for (let index = 1; index <= 5; index += 1) {
      await sendMessage(ports(), { userId: aliceId }, { conversationId, clientMessageId: `s-${index}`, body: `message ${index}` });
    }
    const bob = await connect(bobId);
    bob.send({ type: "sync", conversationId, afterSeq: 1, limit: 3 });
    const first = await bob.waitForFrame((frame) => frame.type === "sync.batch");
    expect(first).toMatchObject({ conversationId, hasMore: true });
    expect(first.messages.map((message) => message.seq)).toEqual([2, 3, 4]);
    bob.send({ type: "sync", conversationId, afterSeq: 4, limit: 3 });
    await waitFor(() => bob.log.filter((frame) => frame.type === "sync.batch").length === 2);
    const second = bob.log.filter((frame) => frame.type === "sync.batch")[1];
    expect(second).toMatchObject({ hasMore: false, messages: [{ seq: 5 }] });

    const carol = await connect(carolId);
    carol.send({ type: "sync", conversationId, afterSeq: 0 });
    expect(await carol.waitForFrame((frame) => frame.type === "error")).toMatchObject({ code: "NOT_FOUND", conversationId });
    expect(carol.log.some((frame) => frame.type === "sync.batch")).toBe(false);
    await Promise.all([bob.close(), carol.close()]);
  });
});

describe("typing", () => {
  it("relays typing to the other participants, not to the typist nor outsiders, and refuses it elsewhere", async () => {
    const conversationId = await privateChannel([bobId]);
    const [alice, bob, carol] = await Promise.all([connect(aliceId), connect(bobId), connect(carolId)]);
    alice.send({ type: "typing", conversationId });
    expect(await bob.waitForFrame((frame) => frame.type === "typing")).toEqual({ type: "typing", conversationId, userId: aliceId, userName: "Alice" });
    carol.send({ type: "typing", conversationId });
    expect(await carol.waitForFrame((frame) => frame.type === "error")).toMatchObject({ code: "NOT_FOUND" });
    // A sentinel message proves the bus has delivered everything published before it.
    await sendMessage(ports(), { userId: bobId }, { conversationId, clientMessageId: "t-1", body: "sentinel" });
    await alice.waitForFrame(isMessageCreated(conversationId, 1));
    await bob.waitForFrame(isMessageCreated(conversationId, 1));
    expect(alice.log.some((frame) => frame.type === "typing")).toBe(false);
    expect(bob.log.filter((frame) => frame.type === "typing")).toHaveLength(1);
    await Promise.all([alice.close(), bob.close(), carol.close()]);
  });
});

describe("presence", () => {
  it("reports online, away and offline to subscribers, across two devices", async () => {
    const bob = await connect(bobId);
    bob.send({ type: "presence.subscribe", userIds: [aliceId] });
    expect(await bob.waitForFrame((frame) => frame.type === "presence")).toMatchObject({ userId: aliceId, status: "offline" });

    const phone = await connect(aliceId);
    await bob.waitForFrame((frame) => frame.type === "presence" && frame.status === "online");
    const laptop = await connect(aliceId);
    phone.send({ type: "presence.status", status: "away" });
    laptop.send({ type: "presence.status", status: "away" });
    await bob.waitForFrame((frame) => frame.type === "presence" && frame.status === "away");
    await phone.close();
    await laptop.close();
    const offline = await bob.waitForFrame((frame) => frame.type === "presence" && frame.status === "offline" && frame.lastSeenAt !== null);
    expect(offline).toMatchObject({ userId: aliceId });
    await bob.close();
  });

  it("ignores users the subscriber shares no workspace with", async () => {
    const strangerId = "5b8e2d66-9c3f-4a71-8d2e-6f8a0b1c3d44";
    await server.database.prisma.user.create({ data: { id: strangerId, name: "Stranger", email: "stranger@elsewhere.test" } });
    const bob = await connect(bobId);
    bob.send({ type: "presence.subscribe", userIds: [strangerId, carolId] });
    expect(await bob.waitForFrame((frame) => frame.type === "presence")).toMatchObject({ userId: carolId });
    bob.send({ type: "ping" });
    await waitFor(() => bob.log.some((frame) => frame.type === "pong"));
    expect(bob.log.filter((frame) => frame.type === "presence").map((frame) => frame.userId)).toEqual([carolId]);
    await bob.close();
  });
});
