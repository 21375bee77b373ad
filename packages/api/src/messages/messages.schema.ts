import { z } from "zod";
import { entityIdSchema, messageIdStringSchema, messageViewSchema } from "@parley/protocol/events";

export const MESSAGE_MAX_CHARS = 40_000;
export const HISTORY_PAGE_MAX = 200;
export const HISTORY_PAGE_DEFAULT = 50;

// eslint-disable-next-line no-control-regex
const nulCharacter = /\u0000/;
const loneSurrogate = /\p{Cs}/u;

/**
 * Message text: trailing whitespace trimmed (leading kept: code indentation),
 * 1..40,000 UTF-16 units, no NUL (Postgres refuses it in text: unvalidated it
 * would be a 500), no lone surrogates (not encodable as UTF-8).
 */
export const messageBodySchema = z
  .string()
  .max(MESSAGE_MAX_CHARS * 2, `Messages can be at most ${MESSAGE_MAX_CHARS.toLocaleString("en-US")} characters`)
  .refine((body) => !nulCharacter.test(body), "Messages can't contain NUL characters")
  .refine((body) => !loneSurrogate.test(body), "Messages must be valid Unicode text")
  .transform((body) => body.trimEnd())
  .refine((body) => body.length > 0, "Messages can't be empty")
  .refine((body) => body.length <= MESSAGE_MAX_CHARS, `Messages can be at most ${MESSAGE_MAX_CHARS.toLocaleString("en-US")} characters`);

/** Chosen by the client once per message and reused on every retry of it. */
export const clientMessageIdSchema = z
  .string()
  .min(1, "clientMessageId can't be empty")
  .max(64, "clientMessageId can be at most 64 characters")
  .regex(/^[\x21-\x7e]+$/, "clientMessageId must be printable ASCII without spaces");

/** A seq cursor: a positive integer, as a JSON number or a decimal string (query strings). */
export const seqCursorSchema = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^[0-9]{1,16}$/, "Cursors are positive integers")
      .transform(Number),
  ])
  .pipe(z.number().int("Cursors are positive integers").positive("Cursors are positive integers").max(Number.MAX_SAFE_INTEGER));

export const sendMessageInputSchema = z.strictObject({
  conversationId: entityIdSchema,
  clientMessageId: clientMessageIdSchema,
  body: messageBodySchema,
  threadRootId: messageIdStringSchema.optional(),
});
export type SendMessageInput = z.input<typeof sendMessageInputSchema>;

export const sendMessageResultSchema = z.object({
  message: messageViewSchema,
  clientMessageId: z.string(),
  /** True when this clientMessageId had already been sent: the original is returned, nothing new stored. */
  isReplay: z.boolean(),
});
export type SendMessageResult = z.infer<typeof sendMessageResultSchema>;

export const listMessagesInputSchema = z
  .strictObject({
    conversationId: entityIdSchema,
    /** Messages with seq < before (older page). */
    before: seqCursorSchema.optional(),
    /** Messages with seq > after (newer page; also the resync query). */
    after: seqCursorSchema.optional(),
    /** A window centred on this seq, which is included (jump to a message). */
    around: seqCursorSchema.optional(),
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT),
    /** Only the replies of this thread (the root itself excluded). */
    threadRootId: messageIdStringSchema.optional(),
    /** Leave out thread replies (the channel's main timeline). Default: every message, so seqs have no holes. */
    topLevelOnly: z.boolean().default(false),
  })
  .refine((input) => [input.before, input.after, input.around].filter((cursor) => cursor !== undefined).length <= 1, {
    message: "Use at most one of before, after and around",
  })
  .refine((input) => !(input.threadRootId && input.topLevelOnly), { message: "threadRootId and topLevelOnly exclude each other" });
export type ListMessagesInput = z.input<typeof listMessagesInputSchema>;

export const messagePageSchema = z.object({
  /** Ascending seq. */
  messages: z.array(messageViewSchema),
  hasMoreBefore: z.boolean(),
  hasMoreAfter: z.boolean(),
});
export type MessagePage = z.infer<typeof messagePageSchema>;

export const editMessageInputSchema = z.strictObject({
  conversationId: entityIdSchema,
  messageId: messageIdStringSchema,
  body: messageBodySchema,
});
export type EditMessageInput = z.input<typeof editMessageInputSchema>;

export const deleteMessageInputSchema = z.strictObject({
  conversationId: entityIdSchema,
  messageId: messageIdStringSchema,
});
export type DeleteMessageInput = z.input<typeof deleteMessageInputSchema>;
