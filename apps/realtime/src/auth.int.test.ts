import { issueRealtimeToken } from "@parley/api/realtime/realtime-token";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TestSocket, UpgradeRefused } from "./testing/test-socket.ts";
import { aliceId, allowedOrigin, testServerForThisBlock, tokenFor } from "./testing/test-server.ts";

const server = testServerForThisBlock({ limits: { authTimeoutMs: 300 } });

function openFromApp(): Promise<TestSocket> {
  return TestSocket.open(server.url, { origin: allowedOrigin });
}

async function expectUnauthenticated(socket: TestSocket, errorCode = "UNAUTHENTICATED"): Promise<void> {
  const { frames, close } = await socket.framesUntilClose();
  expect(close.code).toBe(4401);
  expect(frames).toEqual([expect.objectContaining({ type: "error", code: errorCode })]);
}

describe("authentication", () => {
  it("answers a valid hello with ready", async () => {
    const socket = await openFromApp();
    const ready = await socket.hello(tokenFor(aliceId));
    expect(ready).toEqual({ type: "ready", userId: aliceId, connectionId: expect.any(String), heartbeatSeconds: 20 });
    socket.send({ type: "ping" });
    expect(await socket.nextFrame()).toEqual({ type: "pong" });
    await socket.close();
  });

  it("gives every connection its own id", async () => {
    const [first, second] = await Promise.all([openFromApp(), openFromApp()]);
    const token = tokenFor(aliceId);
    const [readyA, readyB] = await Promise.all([first!.hello(token), second!.hello(token)]);
    expect(readyA.type === "ready" && readyB.type === "ready" && readyA.connectionId !== readyB.connectionId).toBe(true);
    await Promise.all([first!.close(), second!.close()]);
  });

  it("closes with 4401 when no hello arrives in time", async () => {
    const socket = await openFromApp();
    await expectUnauthenticated(socket);
  });

  it("closes with 4401 when the first frame is not hello", async () => {
    const socket = await openFromApp();
    socket.send({ type: "ping" });
    await expectUnauthenticated(socket);
  });

  it("closes with 4401 on a malformed first frame", async () => {
    const socket = await openFromApp();
    socket.send("{not json");
    await expectUnauthenticated(socket);
  });

  it("closes with 4401 and says so when the protocol version is unsupported", async () => {
    const socket = await openFromApp();
    socket.send({ type: "hello", v: 99, token: tokenFor(aliceId) });
    await expectUnauthenticated(socket, "UNSUPPORTED_VERSION");
  });

  it.each([
    ["signed with another secret", () => issueRealtimeToken("some-other-secret-of-at-least-32-characters", aliceId)],
    ["expired", () => tokenFor(aliceId, new Date(Date.now() - 10 * 60_000))],
    ["not yet valid", () => tokenFor(aliceId, new Date(Date.now() + 10 * 60_000))],
    [
      "forged by editing the payload",
      async () => {
        const [header, , signature] = tokenFor(aliceId).split(".");
        const payload = Buffer.from(JSON.stringify({ sub: "someone-else", aud: "parley-realtime", iss: "parley-web" })).toString("base64url");
        return `${header}.${payload}.${signature}`;
      },
    ],
    ["garbage", async () => "garbage"],
  ])("closes with 4401 on a token %s", async (_label, makeToken) => {
    const socket = await openFromApp();
    const answer = await socket.hello(await makeToken());
    expect(answer).toMatchObject({ type: "error", code: "UNAUTHENTICATED" });
    expect((await socket.closed).code).toBe(4401);
  });

  it("treats a second hello as a bad frame, not a re-login", async () => {
    const socket = await openFromApp();
    await socket.hello(tokenFor(aliceId));
    expect(await socket.hello(tokenFor("someone-else"))).toMatchObject({ type: "error", code: "INVALID_FRAME" });
    socket.send({ type: "ping" });
    expect(await socket.nextFrame()).toEqual({ type: "pong" });
    await socket.close();
  });

  it("answers frames pipelined right behind hello after ready, in order", async () => {
    const socket = await openFromApp();
    socket.send({ type: "hello", v: 1, token: tokenFor(aliceId) });
    socket.send({ type: "ping" });
    socket.send({ type: "ping" });
    expect((await socket.nextFrame()).type).toBe("ready");
    expect(await socket.nextFrame()).toEqual({ type: "pong" });
    expect(await socket.nextFrame()).toEqual({ type: "pong" });
    await socket.close();
  });
});

describe("origin check (cross-site WebSocket hijacking)", () => {
  it.each(["https://evil.test", "null", "http://localhost:3000.evil.test"])("refuses the upgrade from %s with 403", async (origin) => {
    const attempt = TestSocket.open(server.url, { origin });
    await expect(attempt).rejects.toBeInstanceOf(UpgradeRefused);
    await expect(attempt).rejects.toMatchObject({ status: 403 });
  });

  it("accepts a client without Origin (not a browser), which still needs a token", async () => {
    const socket = await TestSocket.open(server.url);
    expect(await socket.hello(tokenFor(aliceId))).toMatchObject({ type: "ready" });
    await socket.close();
  });
});

describe("deactivated accounts", () => {
  // Every heartbeat re-reads the account, so the test needs no 30 s wait.
  const reconciling = testServerForThisBlock({ reconcileIntervalMs: 0 });

  async function newMember(): Promise<string> {
    const db = reconciling.database.prisma;
    const { workspaceId } = await db.membership.findFirstOrThrow({ where: { userId: aliceId }, select: { workspaceId: true } });
    const userId = randomUUID();
    await db.user.create({ data: { id: userId, name: "Dave", email: `${userId}@realtime.test` } });
    await db.membership.create({ data: { workspaceId, userId, role: "member" } });
    return userId;
  }
  const deactivate = (userId: string) => reconciling.database.prisma.membership.updateMany({ where: { userId }, data: { deactivatedAt: new Date() } });

  it("refuses a still-valid token of a deactivated user with 4401", async () => {
    const userId = await newMember();
    const token = tokenFor(userId);
    await deactivate(userId);
    const socket = await TestSocket.open(reconciling.url, { origin: allowedOrigin });
    socket.send({ type: "hello", v: 1, token });
    await expectUnauthenticated(socket);
  });

  it("closes an open socket with 4401 once its user is deactivated, and leaves others open", async () => {
    const [userId, otherId] = await Promise.all([newMember(), newMember()]);
    const connect = async (id: string) => {
      const opened = await TestSocket.open(reconciling.url, { origin: allowedOrigin });
      expect(await opened.hello(tokenFor(id))).toMatchObject({ type: "ready" });
      return opened;
    };
    const [socket, other] = await Promise.all([connect(userId), connect(otherId)]);
    await deactivate(userId);
    socket.send({ type: "ping" });
    expect((await socket.closed).code).toBe(4401);
    other.send({ type: "ping" });
    await other.waitForFrame((frame) => frame.type === "pong");
    expect(other.socket.readyState).toBe(other.socket.OPEN);
    await other.close();
  });
});
