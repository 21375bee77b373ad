/**
 * Sending a message (ARCHITECTURE.md, "Sending a message"). One transaction:
 *
 *   1. access check (participant of the conversation, active in the workspace);
 *   2. lock the conversation row (SELECT … FOR UPDATE): every send to this
 *      conversation queues here, so the checks below and the seq are decided
 *      one sender at a time; archived conversations refuse under the lock;
 *   3. claim (sender, clientMessageId) with INSERT … ON CONFLICT DO NOTHING.
 *      A conflict means a send with that id already committed (a concurrent
 *      uncommitted one makes the insert wait for its outcome), so we return
 *      the original message — same id, same seq — and allocate nothing;
 *   4. UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1 … RETURNING and the
 *      INSERT of the message in one statement (gapless: an abort rolls both back);
 *   5. mentions and the outbox row, in the same transaction;
 * then, after COMMIT, publish on conv:<id>. A failed publish is logged and
 * never fails the send: the message is durable and the outbox relay (or the
 * client's resync by seq) delivers it later.
 */
import type { MentionKind } from "@parley/db/client";
import type { MessageView } from "@parley/protocol/events";
import { insertOutboxEvents } from "../bus/outbox.repository.ts";
import { publishCommitted } from "../bus/outbox.ts";
import { requireParticipant } from "../conversations/conversation-access.ts";
import { runInTransaction, type Actor, type Db } from "../conversations/database.ts";
import { parseInput } from "../conversations/input.ts";
import { messageIdFromString, seqToNumber, toIso } from "../conversations/wire.ts";
import { DomainError } from "../errors.ts";
import { getProcessSendRateLimiter, type ServicePorts } from "../ports.ts";
import { extractMentionTokens, hasMentionTokens, mentionHandlesOf } from "./mentions.ts";
import { toMessageView } from "./message-view.ts";
import { messageCreated } from "./messages.events.ts";
import {
  claimClientMessageId,
  findClientMessageIdClaim,
  findMentionCandidates,
  findMessageHeader,
  findMessageRow,
  insertMentions,
  insertMessageWithNextSeq,
  lockConversationForSend,
} from "./messages.repository.ts";
import { sendMessageInputSchema, type SendMessageInput, type SendMessageResult } from "./messages.schema.ts";

export async function sendMessage(ports: ServicePorts, actor: Actor, rawInput: SendMessageInput): Promise<SendMessageResult> {
  const input = parseInput(sendMessageInputSchema, rawInput);
  const now = ports.clock.now();
  const limiter = ports.sendRateLimiter ?? getProcessSendRateLimiter();
  if (!limiter.tryTake(actor.userId, now)) {
    throw new DomainError("RATE_LIMITED", "You're sending messages too quickly. Wait a moment and try again.");
  }
  const threadRootId = input.threadRootId ? messageIdFromString(input.threadRootId) : null;
  // Minted before the transaction; an aborted send burns an id, never a seq.
  const messageId = ports.ids.next(now);

  const outcome = await runInTransaction(ports.db, async (tx) => {
    await requireParticipant(tx, input.conversationId, actor.userId);
    const conversation = await lockConversationForSend(tx, input.conversationId);
    if (!conversation) throw new DomainError("NOT_FOUND", "That conversation does not exist or you do not have access to it.");
    if (conversation.archivedAt) throw new DomainError("FORBIDDEN", "This channel is archived: no new messages can be posted.");

    const claim = { senderId: actor.userId, clientMessageId: input.clientMessageId, conversationId: input.conversationId, messageId, createdAt: now };
    if (!(await claimClientMessageId(tx, claim))) {
      return { isReplay: true as const, message: await loadOriginal(tx, actor.userId, input.clientMessageId, input.conversationId) };
    }
    if (threadRootId !== null) await requireThreadRoot(tx, input.conversationId, threadRootId);

    const stored = await insertMessageWithNextSeq(tx, {
      id: messageId,
      conversationId: input.conversationId,
      senderId: actor.userId,
      threadRootId,
      body: input.body,
      createdAt: now,
    });
    await recordMentions(tx, { conversationId: input.conversationId, messageId, senderId: actor.userId, body: input.body });
    const message: MessageView = {
      id: messageId.toString(),
      conversationId: input.conversationId,
      seq: seqToNumber(stored.seq),
      senderId: actor.userId,
      senderName: stored.senderName,
      threadRootId: threadRootId === null ? null : threadRootId.toString(),
      kind: "user",
      body: input.body,
      isDeleted: false,
      createdAt: toIso(now),
      editedAt: null,
      replyCount: 0,
    };
    const outbox = await insertOutboxEvents(tx, [messageCreated(message, input.clientMessageId)]);
    return { isReplay: false as const, message, outbox };
  });

  if (!outcome.isReplay) await publishCommitted(ports, outcome.outbox);
  return { message: outcome.message, clientMessageId: input.clientMessageId, isReplay: outcome.isReplay };
}

/** The message an earlier send with this clientMessageId stored. */
async function loadOriginal(tx: Db, senderId: string, clientMessageId: string, conversationId: string): Promise<MessageView> {
  const claim = await findClientMessageIdClaim(tx, senderId, clientMessageId);
  if (!claim) throw new Error("idempotency claim vanished inside the transaction");
  if (claim.conversationId !== conversationId) {
    throw new DomainError("CONFLICT", "That clientMessageId was already used for a message in another conversation.");
  }
  const row = await findMessageRow(tx, claim.conversationId, claim.messageId);
  if (!row) throw new Error("idempotency claim points at a missing message");
  return toMessageView(row);
}

/** Replies attach to a root: a top-level message of the same conversation that still exists. */
async function requireThreadRoot(tx: Db, conversationId: string, rootId: bigint): Promise<void> {
  const root = await findMessageHeader(tx, conversationId, rootId);
  if (!root || root.deletedAt) throw new DomainError("NOT_FOUND", "The message you are replying to does not exist.");
  if (root.threadRootId !== null) throw new DomainError("INVALID", "Replies go to the thread's first message, not to a reply.");
}

/** Stores who the message mentions; only people in the conversation can be mentioned (nobody else may read it). */
export async function recordMentions(
  tx: Db,
  message: { conversationId: string; messageId: bigint; senderId: string; body: string },
): Promise<void> {
  const tokens = extractMentionTokens(message.body);
  if (!hasMentionTokens(tokens)) return;
  const wanted = new Set(tokens.handles);
  const candidates = await findMentionCandidates(tx, {
    conversationId: message.conversationId,
    handles: tokens.handles,
    excludeUserId: message.senderId,
  });
  const mentions: { kind: MentionKind; userId: string | null }[] = candidates
    .filter((candidate) => mentionHandlesOf(candidate).some((handle) => wanted.has(handle)))
    .map((candidate) => ({ kind: "user", userId: candidate.id }));
  if (tokens.mentionsChannel) mentions.push({ kind: "channel", userId: null });
  if (tokens.mentionsHere) mentions.push({ kind: "here", userId: null });
  await insertMentions(tx, message.conversationId, message.messageId, mentions);
}
