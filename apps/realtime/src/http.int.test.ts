import { describe, expect, it } from "vitest";
import { openUnresponsiveSocket } from "./testing/raw-upgrade.ts";
import { TestSocket, UpgradeRefused } from "./testing/test-socket.ts";
import { aliceId, allowedOrigin, startTestServer, testServerForThisBlock, tokenFor, waitFor } from "./testing/test-server.ts";

describe("health and metrics", () => {
  const server = testServerForThisBlock();

  it("answers /healthz and /readyz while listening", async () => {
    const health = await fetch(`${server.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.httpUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("answers unknown paths with 404 and other methods with 405", async () => {
    expect((await fetch(`${server.httpUrl}/admin`)).status).toBe(404);
    expect((await fetch(`${server.httpUrl}/healthz`, { method: "POST" })).status).toBe(405);
  });

  it("exposes connections and frame counters in Prometheus format", async () => {
    const socket = await TestSocket.open(server.url, { origin: allowedOrigin });
    await socket.hello(tokenFor(aliceId));
    socket.send({ type: "ping" });
    await socket.nextFrame();

    const response = await fetch(`${server.httpUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/^parley_realtime_connections 1$/m);
    expect(text).toMatch(/^parley_realtime_frames_in_total 2$/m);
    expect(text).toMatch(/^parley_realtime_frames_out_total 2$/m);
    expect(text).toContain("process_cpu_user_seconds_total");

    await socket.close();
    await waitFor(async () => /^parley_realtime_connections 0$/m.test(await (await fetch(`${server.httpUrl}/metrics`)).text()));
  });
});

describe("heartbeat", () => {
  const server = testServerForThisBlock({ heartbeatIntervalMs: 50 });

  it("terminates a socket that stops answering pings", async () => {
    const socket = await TestSocket.open(server.url, { origin: allowedOrigin, autoPong: false });
    await socket.hello(tokenFor(aliceId));
    // Terminated without a close frame: the client sees an abnormal closure.
    expect((await socket.closed).code).toBe(1006);
  });

  it("keeps a socket that answers pings", async () => {
    const socket = await TestSocket.open(server.url, { origin: allowedOrigin });
    await socket.hello(tokenFor(aliceId));
    let pings = 0;
    await new Promise<void>((resolve) => socket.socket.on("ping", () => ++pings === 4 && resolve()));
    socket.send({ type: "ping" });
    expect(await socket.nextFrame()).toEqual({ type: "pong" });
    await socket.close();
  });
});

describe("graceful shutdown", () => {
  it("closes sockets with 1012 and stops listening", async () => {
    const server = await startTestServer();
    const sockets = await Promise.all([1, 2].map(() => TestSocket.open(server.url, { origin: allowedOrigin })));
    await sockets[0]!.hello(tokenFor(aliceId)); // one authenticated, one still waiting for hello
    await server.close();
    expect((await Promise.all(sockets.map((socket) => socket.closed))).map((close) => close.code)).toEqual([1012, 1012]);
    await expect(fetch(`${server.httpUrl}/healthz`)).rejects.toThrow();
  });

  it("reports not ready and refuses new sockets while it drains, then drops stragglers", async () => {
    const server = await startTestServer({ shutdownGraceMs: 500 });
    const straggler = await openUnresponsiveSocket(server.port);
    const stopped = server.close();

    const ready = await fetch(`${server.httpUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "shutting_down" });
    const attempt = TestSocket.open(server.url, { origin: allowedOrigin });
    await expect(attempt).rejects.toBeInstanceOf(UpgradeRefused);
    await expect(attempt).rejects.toMatchObject({ status: 503 });

    await stopped;
    // The straggler was sent a close frame (FIN + opcode 8, payload = code 1012 + reason) before being dropped.
    const reason = "Server restarting";
    const closeFrame = Buffer.concat([Buffer.from([0x88, 2 + reason.length, 0x03, 0xf4]), Buffer.from(reason)]);
    expect(straggler.received().includes(closeFrame)).toBe(true);
    await waitFor(() => straggler.socket.destroyed || straggler.socket.readableEnded);
  });
});
