import { MAX_FRAME_BYTES } from "@parley/protocol/frames";
import { describe, expect, it } from "vitest";
import { TestSocket } from "./testing/test-socket.ts";
import { aliceId, allowedOrigin, bobId, testServerForThisBlock, tokenFor } from "./testing/test-server.ts";

const server = testServerForThisBlock();

async function readySocket(userId = aliceId): Promise<TestSocket> {
  const socket = await TestSocket.open(server.url, { origin: allowedOrigin });
  const ready = await socket.hello(tokenFor(userId));
  expect(ready.type).toBe("ready");
  return socket;
}

describe("bad frames", () => {
  it.each([
    ["malformed JSON", "{oops", "BAD_JSON"],
    ["an unknown type", { type: "subscribe", conversationId: "x" }, "UNKNOWN_TYPE"],
    ["a schema violation", { type: "ping", extra: true }, "INVALID_FRAME"],
  ])("answers %s with an error frame and keeps the socket open", async (_label, frame, code) => {
    const socket = await readySocket();
    socket.send(frame);
    expect(await socket.nextFrame()).toMatchObject({ type: "error", code });
    socket.send({ type: "ping" });
    expect(await socket.nextFrame()).toEqual({ type: "pong" });
    await socket.close();
  });

  it("closes with 1008 on the fifth bad frame", async () => {
    const socket = await readySocket();
    for (let offence = 1; offence <= 4; offence += 1) {
      socket.send(offence % 2 ? "nope" : { type: "teleport" });
      expect(await socket.nextFrame()).toMatchObject({ type: "error" });
    }
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
    socket.send("still nope");
    const { frames, close } = await socket.framesUntilClose();
    expect(frames).toEqual([expect.objectContaining({ type: "error", code: "BAD_JSON" })]);
    expect(close.code).toBe(1008);
  });

  it("closes with 1009 when a frame exceeds 64 KiB", async () => {
    const socket = await readySocket();
    socket.send(JSON.stringify({ type: "ping", padding: "x".repeat(MAX_FRAME_BYTES) }));
    expect((await socket.closed).code).toBe(1009);
  });

  it("accepts a frame just under the limit (answered as a schema violation, not a close)", async () => {
    const socket = await readySocket();
    const frame = JSON.stringify({ type: "ping", padding: "" });
    socket.send(JSON.stringify({ type: "ping", padding: "x".repeat(MAX_FRAME_BYTES - frame.length) }));
    expect(await socket.nextFrame()).toMatchObject({ type: "error", code: "INVALID_FRAME" });
    await socket.close();
  });

  it("closes with 1007 on a text frame that is not UTF-8", async () => {
    const socket = await readySocket();
    socket.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await socket.closed).code).toBe(1007);
  });

  it("closes with 1003 on a binary frame", async () => {
    const socket = await readySocket();
    socket.socket.send(Buffer.from(JSON.stringify({ type: "ping" })), { binary: true });
    expect((await socket.closed).code).toBe(1003);
  });
});

describe("flood control", () => {
  it("answers a burst, then RATE_LIMITED, then closes with 1008 if the flood goes on", async () => {
    const socket = await readySocket();
    for (let i = 0; i < 200; i += 1) socket.send({ type: "ping" });
    const { frames, close } = await socket.framesUntilClose();
    const pongs = frames.filter((frame) => frame.type === "pong").length;
    const rateLimited = frames.filter((frame) => frame.type === "error" && frame.code === "RATE_LIMITED").length;
    // The burst is 40 frames (hello took one), plus whatever trickled in at 20/s while the flood was read.
    expect(pongs).toBeGreaterThanOrEqual(39);
    expect(pongs).toBeLessThan(60);
    expect(rateLimited).toBe(5);
    expect(close).toEqual({ code: 1008, reason: "Rate limit exceeded" });
  });
});

describe("isolation", () => {
  it("keeps serving a well-behaved socket while others misbehave and get closed", async () => {
    const bystander = await readySocket(bobId);
    const flooder = await readySocket();
    const garbler = await readySocket();
    const giant = await readySocket();

    for (let i = 0; i < 200; i += 1) flooder.send({ type: "ping" });
    for (let i = 0; i < 5; i += 1) garbler.send("garbage");
    giant.send("x".repeat(MAX_FRAME_BYTES + 1));
    const closes = await Promise.all([flooder.closed, garbler.closed, giant.closed]);
    expect(closes.map((close) => close.code)).toEqual([1008, 1008, 1009]);

    bystander.send({ type: "ping" });
    expect(await bystander.nextFrame()).toEqual({ type: "pong" });
    expect(server.connectionCount()).toBe(1);
    await bystander.close();
  });
});
