/**
 * Bus events: what the server publishes after a change commits, on the topic of
 * the conversation (`conv:<id>`) or of one user (`user:<id>`). The realtime
 * server forwards them to sockets; the browser validates them with the same
 * schemas. No Node or database imports here: this file ships to the browser.
 *
 * Wire rules (the same everywhere: tRPC outputs, REST bodies, socket frames):
 * - message ids are 64-bit integers sent as decimal strings (they exceed 2^53);
 * - seqs are JSON numbers: a per-conversation counter, far below 2^53;
 * - timestamps are ISO-8601 strings in UTC.
 */
import { z } from "zod";

/** A 64-bit message id as a decimal string. */
export const messageIdStringSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, "Message ids are positive decimal integers");
/** Uuid-shaped id (users, conversations, workspaces). */
export const entityIdSchema = z.guid();
export const seqSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const isoTimestampSchema = z.iso.datetime({ offset: true });

export const messageKindSchema = z.enum(["user", "system", "bot"]);
export const conversationKindSchema = z.enum(["channel", "private_channel", "dm", "group_dm"]);

/** One message as clients render it; tombstones keep their seq with an empty body. */
export const messageViewSchema = z.object({
  id: messageIdStringSchema,
  conversationId: entityIdSchema,
  seq: seqSchema,
  senderId: entityIdSchema.nullable(),
  senderName: z.string().nullable(),
  threadRootId: messageIdStringSchema.nullable(),
  kind: messageKindSchema,
  body: z.string(),
  isDeleted: z.boolean(),
  createdAt: isoTimestampSchema,
  editedAt: isoTimestampSchema.nullable(),
  /** Replies in the thread this message starts (0 for replies and plain messages). */
  replyCount: z.number().int().nonnegative(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

// ---------- events on conv:<id> ----------

export const messageCreatedEventSchema = z.object({
  type: z.literal("message.created"),
  conversationId: entityIdSchema,
  message: messageViewSchema,
  /** Echoed so the sender's own tabs can replace their optimistic copy. */
  clientMessageId: z.string().nullable(),
});

export const messageUpdatedEventSchema = z.object({
  type: z.literal("message.updated"),
  conversationId: entityIdSchema,
  message: messageViewSchema,
});

export const messageDeletedEventSchema = z.object({
  type: z.literal("message.deleted"),
  conversationId: entityIdSchema,
  messageId: messageIdStringSchema,
  seq: seqSchema,
});

export const conversationUpdatedEventSchema = z.object({
  type: z.literal("conversation.updated"),
  conversationId: entityIdSchema,
  changes: z.object({
    name: z.string().optional(),
    topic: z.string().optional(),
    purpose: z.string().optional(),
    isArchived: z.boolean().optional(),
  }),
});

export const membersJoinedEventSchema = z.object({
  type: z.literal("conversation.members_joined"),
  conversationId: entityIdSchema,
  userIds: z.array(entityIdSchema),
});

export const memberLeftEventSchema = z.object({
  type: z.literal("conversation.member_left"),
  conversationId: entityIdSchema,
  userId: entityIdSchema,
});

// ---------- events on user:<id> ----------

/** The user now belongs to a conversation: subscribe to it, add it to the sidebar. */
export const conversationAddedEventSchema = z.object({
  type: z.literal("conversation.added"),
  conversationId: entityIdSchema,
});

/** The user no longer belongs to it: unsubscribe at once, drop it from the sidebar. */
export const conversationRemovedEventSchema = z.object({
  type: z.literal("conversation.removed"),
  conversationId: entityIdSchema,
});

/** The user's read position moved (from another device, or backwards via mark-unread). */
export const readStateChangedEventSchema = z.object({
  type: z.literal("read"),
  conversationId: entityIdSchema,
  lastReadSeq: seqSchema,
});

// ---------- ephemeral signals ----------
// Carried by the bus between realtime nodes but never written to the outbox
// nor stored: losing one costs nothing. Nodes turn them into their own
// socket frames (`typing`, `presence`), never into `event` frames.

export const presenceStatusSchema = z.enum(["online", "away", "offline"]);
export type PresenceStatus = z.infer<typeof presenceStatusSchema>;

/** Someone is typing in the conversation (on conv:<id>); receivers show it for 5 s. */
export const typingSignalSchema = z.object({
  type: z.literal("typing"),
  conversationId: entityIdSchema,
  userId: entityIdSchema,
  userName: z.string().max(200),
});

/** A user's aggregate presence changed (on presence:<userId>). */
export const presenceSignalSchema = z.object({
  type: z.literal("presence"),
  userId: entityIdSchema,
  status: presenceStatusSchema,
  lastSeenAt: isoTimestampSchema.nullable(),
});

export const busEventSchema = z.discriminatedUnion("type", [
  messageCreatedEventSchema,
  messageUpdatedEventSchema,
  messageDeletedEventSchema,
  conversationUpdatedEventSchema,
  membersJoinedEventSchema,
  memberLeftEventSchema,
  conversationAddedEventSchema,
  conversationRemovedEventSchema,
  readStateChangedEventSchema,
  typingSignalSchema,
  presenceSignalSchema,
]);
export type BusEvent = z.infer<typeof busEventSchema>;
export type BusEventType = BusEvent["type"];

/** What crosses a bus between nodes (e.g. one Redis message). */
export const busEnvelopeSchema = z.object({
  topic: z.string().min(1).max(200),
  event: busEventSchema,
});
export type BusEnvelope = z.infer<typeof busEnvelopeSchema>;

// ---------- topics ----------

const CONVERSATION_PREFIX = "conv:";
const USER_PREFIX = "user:";
const PRESENCE_PREFIX = "presence:";

export function conversationTopic(conversationId: string): string {
  return CONVERSATION_PREFIX + conversationId;
}

export function userTopic(userId: string): string {
  return USER_PREFIX + userId;
}

/** Where a user's presence changes are announced; nodes subscribe for the users their sockets look at. */
export function presenceTopic(userId: string): string {
  return PRESENCE_PREFIX + userId;
}

export type ParsedTopic = { kind: "conversation"; conversationId: string } | { kind: "user"; userId: string } | { kind: "presence"; userId: string };

/** Inverse of the helpers above; null for anything else. */
export function parseTopic(topic: string): ParsedTopic | null {
  if (topic.startsWith(CONVERSATION_PREFIX)) {
    const conversationId = topic.slice(CONVERSATION_PREFIX.length);
    return entityIdSchema.safeParse(conversationId).success ? { kind: "conversation", conversationId } : null;
  }
  if (topic.startsWith(USER_PREFIX)) {
    const userId = topic.slice(USER_PREFIX.length);
    return entityIdSchema.safeParse(userId).success ? { kind: "user", userId } : null;
  }
  if (topic.startsWith(PRESENCE_PREFIX)) {
    const userId = topic.slice(PRESENCE_PREFIX.length);
    return entityIdSchema.safeParse(userId).success ? { kind: "presence", userId } : null;
  }
  return null;
}
