/** Editing and deleting messages; each publishes its event after commit. */
import type { MessageView } from "@parley/protocol/events";
import { enqueueOutboxEvents } from "../bus/outbox-events.ts";
import { publishCommitted } from "../bus/outbox.ts";
import { isWorkspaceAdmin, requireParticipant, requireReader } from "../conversations/conversation-access.ts";
import { runInTransaction, type Actor } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { messageIdFromString, seqToNumber } from "../core/wire.ts";
import { DomainError } from "../errors.ts";
import type { ServicePorts } from "../ports.ts";
import { toMessageView } from "./message-view.ts";
import { messageDeleted, messageUpdated } from "./messages.events.ts";
import { deleteMentions, findMessageRow, lockMessage, tombstoneMessage, updateMessageBody } from "./messages.repository.ts";
import { deleteMessageInputSchema, editMessageInputSchema, type DeleteMessageInput, type EditMessageInput } from "./messages.schema.ts";
import { recordMentions } from "./messages.service.ts";

const messageNotFound = () => new DomainError("NOT_FOUND", "That message does not exist.");

/** Only the author edits; the previous text is kept in MessageEdit. */
export async function editMessage(ports: ServicePorts, actor: Actor, rawInput: EditMessageInput): Promise<{ message: MessageView }> {
  const input = parseInput(editMessageInputSchema, rawInput);
  const messageId = messageIdFromString(input.messageId);
  const now = ports.clock.now();

  const outcome = await runInTransaction(ports.db, async (tx) => {
    const access = await requireParticipant(tx, input.conversationId, actor.userId);
    if (access.conversation.archivedAt) throw new DomainError("FORBIDDEN", "This channel is archived: messages can't be edited.");
    const current = await lockMessage(tx, input.conversationId, messageId);
    if (!current || current.deletedAt) throw messageNotFound();
    if (current.senderId !== actor.userId) throw new DomainError("FORBIDDEN", "You can only edit your own messages.");

    if (current.body !== input.body) {
      await updateMessageBody(tx, input.conversationId, messageId, input.body, now);
      await deleteMentions(tx, input.conversationId, messageId);
      await recordMentions(tx, { conversationId: input.conversationId, messageId, senderId: actor.userId, body: input.body });
    }
    const row = await findMessageRow(tx, input.conversationId, messageId);
    if (!row) throw messageNotFound();
    const message = toMessageView(row);
    const outbox = current.body !== input.body ? await enqueueOutboxEvents(tx, [messageUpdated(message)]) : [];
    return { message, outbox };
  });

  await publishCommitted(ports, outcome.outbox);
  return { message: outcome.message };
}

/**
 * The author, or a workspace admin/owner, deletes. The row stays as a
 * tombstone so seqs keep no holes; its text and edit history are erased.
 * Deleting twice is a no-op.
 */
export async function deleteMessage(
  ports: ServicePorts,
  actor: Actor,
  rawInput: DeleteMessageInput,
): Promise<{ messageId: string; seq: number; isDeleted: true }> {
  const input = parseInput(deleteMessageInputSchema, rawInput);
  const messageId = messageIdFromString(input.messageId);
  const now = ports.clock.now();

  const outcome = await runInTransaction(ports.db, async (tx) => {
    const access = await requireReader(tx, input.conversationId, actor.userId);
    const current = await lockMessage(tx, input.conversationId, messageId);
    if (!current) throw messageNotFound();
    const isAuthor = current.senderId === actor.userId;
    if (!isAuthor && !isWorkspaceAdmin(access.workspaceRole)) {
      throw new DomainError("FORBIDDEN", "You can only delete your own messages.");
    }
    const seq = seqToNumber(current.seq);
    if (current.deletedAt) return { seq, outbox: [] };
    await tombstoneMessage(tx, input.conversationId, messageId, now);
    return { seq, outbox: await enqueueOutboxEvents(tx, [messageDeleted(input.conversationId, messageId, seq)]) };
  });

  await publishCommitted(ports, outcome.outbox);
  return { messageId: input.messageId, seq: outcome.seq, isDeleted: true };
}
