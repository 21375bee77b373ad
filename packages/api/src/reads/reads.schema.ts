import { z } from "zod";
import { entityIdSchema, seqSchema } from "@parley/protocol/events";
import { seqCursorSchema } from "../messages/messages.schema.ts";

export const markReadInputSchema = z.strictObject({
  conversationId: entityIdSchema,
  /** The newest seq the user has seen; clamped to the conversation's last seq. */
  seq: seqCursorSchema,
});
export type MarkReadInput = z.input<typeof markReadInputSchema>;

export const markUnreadInputSchema = z.strictObject({
  conversationId: entityIdSchema,
  /** The first seq to show as unread again. */
  fromSeq: seqCursorSchema,
});
export type MarkUnreadInput = z.input<typeof markUnreadInputSchema>;

export const readStateSchema = z.object({
  conversationId: entityIdSchema,
  lastReadSeq: seqSchema,
  unreadCount: z.number().int().nonnegative(),
});
export type ReadState = z.infer<typeof readStateSchema>;
