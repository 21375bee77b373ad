/**
 * The slow-client rule: a socket that stops reading is closed with 1013 once
 * its unsent bytes pass the limit, and while it lags, everyone else in the
 * conversation keeps getting every message at once.
 */
import { createChannel } from "@parley/api/conversations/conversations.service";
import { sendMessage } from "@parley/api/messages/messages.service";
import { beforeAll, describe, expect, it } from "vitest";
import { TestSocket } from "./testing/test-socket.ts";
import { addSocketMember, aliceId, allowedOrigin, bobId, testServerForThisBlock, tokenFor, waitFor } from "./testing/test-server.ts";

const MAX_BUFFERED_BYTES = 256 * 1024;
// Kernel socket buffers on loopback absorb a few MiB before the server's own buffer grows: send well past that.
const MESSAGE_COUNT = 400;
const BODY = "x".repeat(39_000);

const server = testServerForThisBlock({ limits: { maxBufferedBytes: MAX_BUFFERED_BYTES } });
const laggardId = "5d2e8f71-3c4a-4b9e-8d1f-7a6b5c4d3e22";

beforeAll(async () => {
  await addSocketMember(server.database.prisma, { id: laggardId, name: "Laggard" });
});

async function connect(userId: string): Promise<TestSocket> {
  const socket = await TestSocket.open(server.url, { origin: allowedOrigin });
  expect(await socket.hello(tokenFor(userId))).toMatchObject({ type: "ready" });
  return socket;
}

describe("backpressure", () => {
  it("closes a socket that stops reading with 1013, and the others get every message meanwhile", async () => {
    const { workspaceId } = await server.database.prisma.membership.findFirstOrThrow({ where: { userId: aliceId }, select: { workspaceId: true } });
    const channel = await createChannel(server.ports, { userId: aliceId }, { workspaceId, name: "firehose", isPrivate: true, memberIds: [bobId, laggardId] });
    const [bob, laggard] = await Promise.all([connect(bobId), connect(laggardId)]);
    laggard.socket.pause(); // reads nothing from here on: the server's send buffer for it only grows

    const sending = (async () => {
      for (let index = 1; index <= MESSAGE_COUNT; index += 1) {
        await sendMessage(server.ports, { userId: aliceId }, { conversationId: channel.id, clientMessageId: `hose-${index}`, body: BODY });
      }
    })();
    await waitFor(async () => (await server.metrics.slowClientCloses.get()).values[0]?.value === 1, 30_000);
    // Reading again (before the server gives up and drops the TCP connection),
    // the laggard drains what was queued and then finds the 1013 close: it reconnects and resyncs.
    laggard.socket.resume();
    const close = await laggard.closed;
    await sending;

    // Bob was never held up: he has every message, in order.
    await waitFor(() => bob.createdSeqs(channel.id).length === MESSAGE_COUNT, 20_000);
    expect(bob.createdSeqs(channel.id)).toEqual(Array.from({ length: MESSAGE_COUNT }, (_, index) => index + 1));
    expect(close.code).toBe(1013);
    expect(laggard.createdSeqs(channel.id).length).toBeLessThan(MESSAGE_COUNT);
    await bob.close();
  }, 60_000);
});
