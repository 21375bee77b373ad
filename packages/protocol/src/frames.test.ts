import { describe, expect, it } from "vitest";
import { closeCodes, fatalCloseCodeByError, frameErrorCodes, isReconnectableClose } from "./close-codes.ts";
import type { MessageView } from "./events.ts";
import { clientFrameTypes, MAX_FRAME_BYTES, PROTOCOL_VERSION, serverFrameSchema, type ServerFrame } from "./frames.ts";
import { encodeFrame, parseClientFrame, parseServerFrame } from "./parse-frame.ts";

describe("client frames", () => {
  it("accepts hello with the current version and a token", () => {
    const result = parseClientFrame(JSON.stringify({ type: "hello", v: PROTOCOL_VERSION, token: "abc.def.ghi" }));
    expect(result).toEqual({ ok: true, frame: { type: "hello", v: 1, token: "abc.def.ghi" } });
  });

  it("accepts ping", () => {
    expect(parseClientFrame('{"type":"ping"}')).toEqual({ ok: true, frame: { type: "ping" } });
  });

  it("lists the declared types", () => {
    expect([...clientFrameTypes].sort()).toEqual(["hello", "ping", "presence.status", "presence.subscribe", "send", "sync", "typing"]);
  });

  it.each([
    ["not json", "{type: ping}", "BAD_JSON"],
    ["truncated json", '{"type":"ping"', "BAD_JSON"],
    ["an array", '[{"type":"ping"}]', "INVALID_FRAME"],
    ["a string", '"ping"', "INVALID_FRAME"],
    ["null", "null", "INVALID_FRAME"],
    ["no type", '{"token":"x"}', "UNKNOWN_TYPE"],
    ["an unknown type", '{"type":"subscribe"}', "UNKNOWN_TYPE"],
    ["a non-string type", '{"type":7}', "UNKNOWN_TYPE"],
    ["a server-only type", '{"type":"pong"}', "UNKNOWN_TYPE"],
    ["hello without token", '{"type":"hello","v":1}', "INVALID_FRAME"],
    ["hello with an empty token", '{"type":"hello","v":1,"token":""}', "INVALID_FRAME"],
    ["hello with a future version", '{"type":"hello","v":2,"token":"t"}', "UNSUPPORTED_VERSION"],
    ["hello without a version", '{"type":"hello","token":"t"}', "UNSUPPORTED_VERSION"],
    ["hello with a huge token", JSON.stringify({ type: "hello", v: 1, token: "x".repeat(5000) }), "INVALID_FRAME"],
    ["ping with extra keys", '{"type":"ping","role":"admin"}', "INVALID_FRAME"],
  ])("refuses %s", (_label, text, code) => {
    const result = parseClientFrame(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.length).toBeGreaterThan(0);
      expect(result.message.length).toBeLessThanOrEqual(500);
    }
  });

  it("does not echo a long unknown type back in full", () => {
    const result = parseClientFrame(JSON.stringify({ type: "x".repeat(10_000) }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(100);
  });
});

describe("server frames", () => {
  it("round-trips every server frame through encode/parse", () => {
    const frames = [
      { type: "ready", userId: "0b6f8f5e-0000-4000-8000-000000000001", connectionId: "c1", heartbeatSeconds: 20 },
      { type: "pong" },
      { type: "error", code: "RATE_LIMITED", message: "Slow down" },
    ] as const;
    for (const frame of frames) {
      expect(parseServerFrame(encodeFrame(frame))).toEqual({ ok: true, frame });
    }
  });

  it("refuses an error frame with an undeclared code", () => {
    expect(serverFrameSchema.safeParse({ type: "error", code: "OOPS", message: "x" }).success).toBe(false);
  });

  it("refuses a ready frame without a positive integer heartbeat", () => {
    expect(parseServerFrame(JSON.stringify({ type: "ready", userId: "u", connectionId: "c", heartbeatSeconds: 0 })).ok).toBe(false);
    expect(parseServerFrame(JSON.stringify({ type: "ready", userId: "u", connectionId: "c", heartbeatSeconds: 1.5 })).ok).toBe(false);
  });
});

describe("limits and close codes", () => {
  it("caps frames at 64 KiB", () => {
    expect(MAX_FRAME_BYTES).toBe(65_536);
  });

  it("uses the standard close codes and 4401 for authentication", () => {
    expect(closeCodes).toMatchObject({
      unsupportedData: 1003,
      invalidPayload: 1007,
      policyViolation: 1008,
      messageTooBig: 1009,
      serviceRestart: 1012,
      tryAgainLater: 1013,
      unauthenticated: 4401,
    });
  });

  it("maps fatal errors to declared close codes only", () => {
    const declared: number[] = Object.values(closeCodes);
    for (const [code, closeCode] of Object.entries(fatalCloseCodeByError)) {
      expect(frameErrorCodes).toContain(code);
      expect(declared).toContain(closeCode);
    }
    expect(fatalCloseCodeByError.UNAUTHENTICATED).toBe(4401);
    expect(fatalCloseCodeByError.RATE_LIMITED).toBeUndefined();
  });

  it("tells clients to reconnect after restarts and overload but not after their own bugs", () => {
    expect(isReconnectableClose(closeCodes.serviceRestart)).toBe(true);
    expect(isReconnectableClose(closeCodes.tryAgainLater)).toBe(true);
    expect(isReconnectableClose(closeCodes.unauthenticated)).toBe(true);
    expect(isReconnectableClose(1006)).toBe(true);
    expect(isReconnectableClose(closeCodes.policyViolation)).toBe(false);
    expect(isReconnectableClose(closeCodes.messageTooBig)).toBe(false);
    expect(isReconnectableClose(closeCodes.unsupportedData)).toBe(false);
  });
});

describe("messaging frames", () => {
  const conversationId = "0b6f8f5e-0000-4000-8000-0000000000c1";
  const userId = "0b6f8f5e-0000-4000-8000-0000000000a1";
  const message = {
    id: "123456789012345678",
    conversationId,
    seq: 7,
    senderId: userId,
    senderName: "Ana",
    threadRootId: null,
    kind: "user",
    body: "hi",
    isDeleted: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    editedAt: null,
    replyCount: 0,
  } satisfies MessageView;

  it("accepts the client's send, sync, typing and presence.subscribe", () => {
    for (const frame of [
      { type: "send", conversationId, clientMessageId: "c-1", body: "hello" },
      { type: "sync", conversationId, afterSeq: 0 },
      { type: "sync", conversationId, afterSeq: 41, limit: 100 },
      { type: "typing", conversationId },
      { type: "presence.subscribe", userIds: [userId] },
    ]) {
      expect(parseClientFrame(JSON.stringify(frame))).toEqual({ ok: true, frame });
    }
  });

  it.each([
    ["a send without clientMessageId", { type: "send", conversationId, body: "x" }],
    ["an empty send", { type: "send", conversationId, clientMessageId: "c", body: "" }],
    ["a sync from a negative seq", { type: "sync", conversationId, afterSeq: -1 }],
    ["a sync of a non-id", { type: "sync", conversationId: "general", afterSeq: 0 }],
    ["a sync page too large", { type: "sync", conversationId, afterSeq: 0, limit: 100_000 }],
    ["presence of too many users", { type: "presence.subscribe", userIds: Array.from({ length: 201 }, () => userId) }],
  ])("refuses %s", (_label, frame) => {
    expect(parseClientFrame(JSON.stringify(frame))).toMatchObject({ ok: false, code: "INVALID_FRAME" });
  });

  it("round-trips the server's ack, event, sync.batch, resync, typing, presence and a send's error", () => {
    const frames: ServerFrame[] = [
      { type: "ack", clientMessageId: "c-1", message, isReplay: false },
      { type: "event", event: { type: "message.created", conversationId, message, clientMessageId: "c-1" } },
      { type: "sync.batch", conversationId, messages: [message], hasMore: true },
      { type: "resync" },
      { type: "typing", conversationId, userId, userName: "Ana" },
      { type: "presence", userId, status: "away", lastSeenAt: "2026-01-01T00:05:00.000Z" },
      { type: "error", code: "FORBIDDEN", message: "Not a member", clientMessageId: "c-2" },
    ];
    for (const frame of frames) expect(parseServerFrame(encodeFrame(frame))).toEqual({ ok: true, frame });
  });
});
