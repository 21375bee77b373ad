/**
 * WebSocket frames between the browser (or any client) and the realtime
 * service. Shared by both ends, so this file imports nothing from Node or the
 * database. Every frame is one JSON text message with a `type`.
 */
import { z } from "zod";
import { frameErrorCodes } from "./close-codes.ts";
import { busEventSchema, entityIdSchema, messageViewSchema, presenceSignalSchema, seqSchema, typingSignalSchema } from "./events.ts";

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

// Structural limits only: the server runs the same sendMessage validation as tRPC on the body.
const MAX_BODY_CHARS = 80_000;
const MAX_PRESENCE_USERS = 200;
export const MAX_SYNC_LIMIT = 500;

const clientMessageIdSchema = z.string().min(1).max(64);

/** A message to store; answered by `ack` (committed) or an `error` carrying the same clientMessageId. */
export const sendFrameSchema = z.strictObject({
  type: z.literal("send"),
  conversationId: entityIdSchema,
  clientMessageId: clientMessageIdSchema,
  body: z.string().min(1).max(MAX_BODY_CHARS),
  threadRootId: z.string().min(1).max(20).optional(),
});

/** Messages with seq > afterSeq (exclusive), ascending; answered by `sync.batch`. */
export const syncFrameSchema = z.strictObject({
  type: z.literal("sync"),
  conversationId: entityIdSchema,
  afterSeq: seqSchema,
  limit: z.number().int().min(1).max(MAX_SYNC_LIMIT).optional(),
});

/** "I am typing here now"; the client throttles, the server relays to the conversation's members. */
export const typingFrameSchema = z.strictObject({
  type: z.literal("typing"),
  conversationId: entityIdSchema,
});

/** Replaces the set of users whose presence this socket receives. */
export const presenceSubscribeFrameSchema = z.strictObject({
  type: z.literal("presence.subscribe"),
  userIds: z.array(entityIdSchema).max(MAX_PRESENCE_USERS),
});

/** This device is active (online) or idle/hidden (away); a user is online if any device is. */
export const presenceStatusFrameSchema = z.strictObject({
  type: z.literal("presence.status"),
  status: z.enum(["online", "away"]),
});

export const clientFrameSchema = z.discriminatedUnion("type", [
  helloFrameSchema,
  pingFrameSchema,
  sendFrameSchema,
  syncFrameSchema,
  typingFrameSchema,
  presenceSubscribeFrameSchema,
  presenceStatusFrameSchema,
]);

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
  /** Set when the error answers a `send`: that send failed. */
  clientMessageId: clientMessageIdSchema.optional(),
  /** Set when the error answers a `sync` of this conversation. */
  conversationId: entityIdSchema.optional(),
});

/** The send with this clientMessageId is committed (isReplay: it already was). */
export const ackFrameSchema = z.strictObject({
  type: z.literal("ack"),
  clientMessageId: clientMessageIdSchema,
  message: messageViewSchema,
  isReplay: z.boolean(),
});

/** A bus event of a conversation or of this socket's user. */
export const eventFrameSchema = z.strictObject({
  type: z.literal("event"),
  event: busEventSchema,
});

export const syncBatchFrameSchema = z.strictObject({
  type: z.literal("sync.batch"),
  conversationId: entityIdSchema,
  /** Ascending seq, all > the sync's afterSeq. */
  messages: z.array(messageViewSchema),
  /** More after the last one: sync again from its seq. */
  hasMore: z.boolean(),
});

/** The server may have dropped events for this socket (e.g. bus reconnect): sync every conversation. */
export const resyncFrameSchema = z.strictObject({
  type: z.literal("resync"),
});

// The socket frames of the two ephemeral signals carry exactly the signal's fields.
export const typingEventFrameSchema = z.strictObject(typingSignalSchema.shape);

export const presenceFrameSchema = z.strictObject(presenceSignalSchema.shape);

export const serverFrameSchema = z.discriminatedUnion("type", [
  readyFrameSchema,
  pongFrameSchema,
  errorFrameSchema,
  ackFrameSchema,
  eventFrameSchema,
  syncBatchFrameSchema,
  resyncFrameSchema,
  typingEventFrameSchema,
  presenceFrameSchema,
]);

export type ReadyFrame = z.infer<typeof readyFrameSchema>;
export type PongFrame = z.infer<typeof pongFrameSchema>;
export type ErrorFrame = z.infer<typeof errorFrameSchema>;
export type ServerFrame = z.infer<typeof serverFrameSchema>;
