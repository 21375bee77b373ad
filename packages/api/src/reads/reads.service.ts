/**
 * Read positions. Unread counts derive from lastSeq - lastReadSeq, so these
 * are single-row updates. The `read` event goes to the user's own topic so
 * their other devices clear (or restore) the badge. It is published directly,
 * without an outbox row: a lost read hint costs a stale badge until the next
 * list fetch, and reads are the most frequent write of all.
 */
import { userTopic } from "@parley/protocol/events";
import { requireParticipant } from "../conversations/conversation-access.ts";
import type { Actor } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { seqToNumber } from "../core/wire.ts";
import { DomainError } from "../errors.ts";
import type { ServicePorts } from "../ports.ts";
import { advanceReadPosition, findReadPosition, rewindReadPosition, type ReadPositionRow } from "./reads.repository.ts";
import { markReadInputSchema, markUnreadInputSchema, type MarkReadInput, type MarkUnreadInput, type ReadState } from "./reads.schema.ts";

/** Moves the read position forward to `seq` (never backwards, never past the last message). */
export async function markRead(ports: ServicePorts, actor: Actor, rawInput: MarkReadInput): Promise<ReadState> {
  const input = parseInput(markReadInputSchema, rawInput);
  await requireParticipant(ports.db, input.conversationId, actor.userId);
  const moved = await advanceReadPosition(ports.db, input.conversationId, actor.userId, input.seq);
  return settle(ports, actor, input.conversationId, moved);
}

/** Marks `fromSeq` and everything after it unread again (the position may move backwards). */
export async function markUnread(ports: ServicePorts, actor: Actor, rawInput: MarkUnreadInput): Promise<ReadState> {
  const input = parseInput(markUnreadInputSchema, rawInput);
  await requireParticipant(ports.db, input.conversationId, actor.userId);
  const moved = await rewindReadPosition(ports.db, input.conversationId, actor.userId, input.fromSeq);
  return settle(ports, actor, input.conversationId, moved);
}

async function settle(ports: ServicePorts, actor: Actor, conversationId: string, moved: ReadPositionRow | null): Promise<ReadState> {
  const position = moved ?? (await findReadPosition(ports.db, conversationId, actor.userId));
  // The participant row vanished between the check and the update (they left): same answer as the check.
  if (!position) throw new DomainError("NOT_FOUND", "That conversation does not exist or you do not have access to it.");
  const state = toReadState(conversationId, position);
  if (moved) {
    try {
      await ports.bus.publish(userTopic(actor.userId), { type: "read", conversationId, lastReadSeq: state.lastReadSeq });
    } catch (error) {
      ports.logger.warn({ err: error, conversationId }, "read event not published");
    }
  }
  return state;
}

function toReadState(conversationId: string, position: ReadPositionRow): ReadState {
  const lastReadSeq = seqToNumber(position.lastReadSeq);
  return { conversationId, lastReadSeq, unreadCount: Math.max(0, seqToNumber(position.lastSeq) - lastReadSeq) };
}
