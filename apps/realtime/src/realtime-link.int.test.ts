/**
 * The browser's realtime link against the real realtime server (apps/realtime), over
 * `ws` sockets: going live, heartbeats, reconnecting after a node restart
 * (1012) with a fresh token, and noticing a link that went silent.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { RealtimeServer } from "./realtime-server.ts";
import { aliceId, allowedOrigin, startTestServer, tokenFor, waitFor } from "./testing/test-server.ts";
import { RealtimeLink, type LiveStatus, type RealtimeLinkOptions } from "@parley/realtime-client/realtime-link";
import { wsSocketFactory } from "@parley/realtime-client/testing/ws-socket-factory";

const wsFactory = wsSocketFactory({ origin: allowedOrigin });

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(port = 0): Promise<RealtimeServer> {
  // Clients ping every second; the server's own ping sweep is slowed so only the client can notice a silent link.
  const server = await startTestServer({ port, limits: { clientHeartbeatSeconds: 1 }, heartbeatIntervalMs: 60_000 });
  cleanups.push(() => server.close());
  return server;
}

function startClient(url: () => string, overrides: Partial<RealtimeLinkOptions> = {}) {
  const statuses: LiveStatus[] = [];
  let tokenFetches = 0;
  const client = new RealtimeLink({
    fetchCredentials: async () => {
      tokenFetches += 1;
      return { token: tokenFor(aliceId), url: url() };
    },
    createSocket: wsFactory,
    onStatus: (status) => statuses.push(status),
    backoff: { initialMs: 50, maxMs: 200 },
    ...overrides,
  });
  cleanups.push(() => client.stop());
  client.start();
  return { client, statuses, tokenFetches: () => tokenFetches };
}

describe("RealtimeLink", () => {
  it("goes live, keeps the link with pings, and reconnects with a fresh token after the node restarts", async () => {
    const first = await startServer();
    const { client, statuses, tokenFetches } = startClient(() => `ws://127.0.0.1:${first.port}/`);
    await waitFor(() => client.getStatus() === "live");
    expect(statuses).toEqual(["connecting", "live"]);

    // Several heartbeat intervals pass and the link stays up: pongs keep it alive.
    const liveSince = Date.now();
    await waitFor(() => Date.now() - liveSince > 2_500, 5_000);
    expect(client.getStatus()).toBe("live");
    expect(first.connectionCount()).toBe(1);

    // Graceful shutdown closes with 1012; a new node on the same port takes over.
    const port = first.port;
    await first.close();
    await waitFor(() => client.getStatus() !== "live");
    await startServer(port);
    await waitFor(() => client.getStatus() === "live", 10_000);
    expect(tokenFetches()).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, 3)).toEqual(["connecting", "live", "offline"]);
    expect(statuses.at(-1)).toBe("live");
  });

  it("notices a silent link through missed heartbeats and comes back through a fresh connection", async () => {
    const server = await startServer();
    const proxy = await startCuttableProxy(server.port);
    cleanups.push(() => proxy.close());
    const { client } = startClient(() => `ws://127.0.0.1:${proxy.port}/`);
    await waitFor(() => client.getStatus() === "live");

    // The network goes quiet without any close: only the heartbeat can tell.
    proxy.cutExisting();
    await waitFor(() => client.getStatus() !== "live", 5_000);
    await waitFor(() => client.getStatus() === "live", 10_000);
    expect(proxy.connectionsOpened()).toBe(2);
  });

  it("opens one socket when started, stopped and started again at once (React StrictMode)", async () => {
    const server = await startServer();
    const { client, tokenFetches } = startClient(() => `ws://127.0.0.1:${server.port}/`);
    client.stop();
    client.start();
    await waitFor(() => client.getStatus() === "live" && tokenFetches() === 2);
    // The first connect's token arrives after the restart; it must not open a second socket.
    await waitFor(() => server.connectionCount() >= 1);
    const settledAt = Date.now();
    await waitFor(() => Date.now() - settledAt > 300);
    expect(server.connectionCount()).toBe(1);
  });

  it("stops for good on a close the protocol says not to retry, and stays offline", async () => {
    const server = await startServer();
    let opened = 0;
    const { client } = startClient(() => `ws://127.0.0.1:${server.port}/`, {
      createSocket: (url, handlers) => {
        opened += 1;
        const socket = new WebSocket(url, { origin: allowedOrigin });
        socket.on("close", (code) => handlers.onClose(code));
        socket.on("error", () => undefined);
        // A binary frame is a protocol violation (1003): a client bug that reconnecting would repeat.
        socket.once("open", () => socket.send(Buffer.from([1, 2, 3]), { binary: true }));
        return socket;
      },
    });
    await waitFor(() => opened === 1 && client.getStatus() === "offline");
    const stoppedAt = Date.now();
    await waitFor(() => Date.now() - stoppedAt > 500);
    expect(opened).toBe(1);
    expect(client.getStatus()).toBe("offline");
  });
});

/**
 * A TCP proxy whose existing connections can be silenced (data dropped both
 * ways, nothing closed), like a laptop whose Wi-Fi vanished; new connections
 * go through.
 */
async function startCuttableProxy(targetPort: number) {
  const pairs: Array<{ client: Socket; upstream: Socket; isCut: boolean }> = [];
  let opened = 0;
  const server: Server = createServer((client) => {
    opened += 1;
    const upstream = createConnection(targetPort, "127.0.0.1");
    const pair = { client, upstream, isCut: false };
    pairs.push(pair);
    client.on("data", (chunk) => {
      if (!pair.isCut) upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (!pair.isCut) client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    connectionsOpened: () => opened,
    cutExisting: () => pairs.forEach((pair) => (pair.isCut = true)),
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
