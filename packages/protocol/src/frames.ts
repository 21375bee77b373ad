/**
 * WebSocket frames between the browser (or any client) and the realtime
 * service. Shared by both ends, so this file imports nothing from Node or the
 * database. Every frame is one JSON text message with a `type`.
 */
import { z } from "zod";
import { frameErrorCodes } from "./close-codes.ts";

/** Bumped when a frame changes incompatibly; the client sends it in `hello`. */
export const PROTOCOL_VERSION = 1;

/** Largest frame either side accepts (the server's `maxPayload`). */
export const MAX_FRAME_BYTES = 64 * 1024;

// A realtime token is a compact JWS of a few hundred bytes; the cap only
// keeps a hostile hello from making the verifier chew on megabytes.
const MAX_TOKEN_CHARS = 4096;

// ---------- client → server ----------

export const helloFrameSchema = z.strictObject({
  type: z.literal("hello"),
  v: z.literal(PROTOCOL_VERSION),
  token: z.string().min(1).max(MAX_TOKEN_CHARS),
});

export const pingFrameSchema = z.strictObject({
  type: z.literal("ping"),
});

export const clientFrameSchema = z.discriminatedUnion("type", [helloFrameSchema, pingFrameSchema]);

export type HelloFrame = z.infer<typeof helloFrameSchema>;
export type PingFrame = z.infer<typeof pingFrameSchema>;
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ClientFrameType = ClientFrame["type"];

export const clientFrameTypes: readonly ClientFrameType[] = clientFrameSchema.options.map((option) => option.shape.type.value);

// ---------- server → client ----------

export const readyFrameSchema = z.strictObject({
  type: z.literal("ready"),
  userId: z.string().min(1),
  connectionId: z.string().min(1),
  /** How often the client should send `ping` so both sides notice a dead link. */
  heartbeatSeconds: z.number().int().positive(),
});

export const pongFrameSchema = z.strictObject({
  type: z.literal("pong"),
});

export const errorFrameSchema = z.strictObject({
  type: z.literal("error"),
  code: z.enum(frameErrorCodes),
  message: z.string().max(500),
});

export const serverFrameSchema = z.discriminatedUnion("type", [readyFrameSchema, pongFrameSchema, errorFrameSchema]);

export type ReadyFrame = z.infer<typeof readyFrameSchema>;
export type PongFrame = z.infer<typeof pongFrameSchema>;
export type ErrorFrame = z.infer<typeof errorFrameSchema>;
export type ServerFrame = z.infer<typeof serverFrameSchema>;
