/**
 * Sending a message (ARCHITECTURE.md, "Sending a message"). One transaction:
 *
 *   1. load the conversation with the sender's membership and participation
 *      AND lock its row (one query): every send to this conversation queues
 *      here, so the access check, the archive check and the seq are all
 *      decided one sender at a time; the rules are those of
 *      conversation-access.ts, applied to the locked row;
 *   2. one statement (insertClaimedMessage): claim (sender, clientMessageId)
 *      with ON CONFLICT DO NOTHING; only if the claim is new, take
 *      lastSeq + 1, insert the message, mark it read for the sender, and
 *      write the outbox row. A conflict means a send with that id already
 *      committed (a concurrent uncommitted one makes the insert wait for its
 *      outcome), so the original message — same id, same seq — is returned
 *      and no seq is allocated;
 *   3. mentions, in the same transaction;
 * then, after COMMIT, publish on conv:<id>. A failed publish is logged and
 * never fails the send: the message is durable, and the outbox relay (or the
 * client's resync by seq) delivers it later.
 */
import type { MentionKind } from "@parley/db/client";
import type { MessageView } from "@parley/protocol/events";
import type { OutboxEntry } from "../bus/outbox.repository.ts";
import { publishCommitted } from "../bus/outbox.ts";
import { evaluateParticipantAccess } from "../conversations/conversation-access.ts";
import { findConversationForViewer } from "../conversations/conversations.repository.ts";
import { runInTransaction, type Actor, type Db } from "../conversations/database.ts";
import { parseInput } from "../conversations/input.ts";
import { messageIdFromString, seqToNumber, toIso } from "../conversations/wire.ts";
import { DomainError } from "../errors.ts";
import { getProcessSendRateLimiter, type ServicePorts } from "../ports.ts";
import { extractMentionTokens, hasMentionTokens, mentionHandlesOf } from "./mentions.ts";
import { toMessageView } from "./message-view.ts";
import { messageCreated } from "./messages.events.ts";
import { findClientMessageIdClaim, findMentionCandidates, findMessageHeader, findMessageRow, insertClaimedMessage, insertMentions } from "./messages.repository.ts";
import { sendMessageInputSchema, type SendMessageInput, type SendMessageResult } from "./messages.schema.ts";

type SendOutcome = { isReplay: true; message: MessageView } | { isReplay: false; message: MessageView; outbox: OutboxEntry[] };

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

  const outcome = await runInTransaction(ports.db, async (tx): Promise<SendOutcome> => {
    const viewer = await findConversationForViewer(tx, input.conversationId, actor.userId, { lockForSend: true });
    const access = evaluateParticipantAccess(viewer);
    if (access.conversation.archivedAt) throw new DomainError("FORBIDDEN", "This channel is archived: no new messages can be posted.");
    const replay = async (): Promise<SendOutcome> => ({
      isReplay: true,
      message: await loadOriginal(tx, actor.userId, input.clientMessageId, input.conversationId),
    });
    if (threadRootId !== null && !(await isThreadRoot(tx, input.conversationId, threadRootId))) {
      // A retry of a reply whose root was deleted since still gets its original answer.
      if (await findClientMessageIdClaim(tx, actor.userId, input.clientMessageId)) return replay();
      throw new DomainError("NOT_FOUND", "The message you are replying to does not exist, or is itself a reply.");
    }

    // We hold the lock, so the seq the statement below takes is known now: the event can be built first.
    const seq = access.conversation.lastSeq + 1n;
    const message: MessageView = {
      id: messageId.toString(),
      conversationId: input.conversationId,
      seq: seqToNumber(seq),
      senderId: actor.userId,
      senderName: viewer?.viewerName ?? null,
      threadRootId: threadRootId === null ? null : threadRootId.toString(),
      kind: "user",
      body: input.body,
      isDeleted: false,
      createdAt: toIso(now),
      editedAt: null,
      replyCount: 0,
    };
    const event = messageCreated(message, input.clientMessageId);
    const stored = await insertClaimedMessage(tx, {
      id: messageId,
      conversationId: input.conversationId,
      senderId: actor.userId,
      clientMessageId: input.clientMessageId,
      threadRootId,
      body: input.body,
      createdAt: now,
      outbox: { topic: event.topic, payload: event.event },
    });
    if (!stored) return replay();
    if (stored.seq !== seq) throw new Error(`seq ${stored.seq} allocated where ${seq} was expected: the conversation lock was not held`);
    await recordMentions(tx, { conversationId: input.conversationId, messageId, senderId: actor.userId, body: input.body });
    return { isReplay: false, message, outbox: [{ ...event, outboxId: stored.outboxId }] };
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
async function isThreadRoot(tx: Db, conversationId: string, rootId: bigint): Promise<boolean> {
  const root = await findMessageHeader(tx, conversationId, rootId);
  return root !== null && root.deletedAt === null && root.threadRootId === null;
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
