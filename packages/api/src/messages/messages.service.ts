/**
 * Sending a message (ARCHITECTURE.md, "Sending a message"). One statement
 * (send-statement.sql.ts; concurrent sends share one: ports.sendQueue) locks the
 * conversation row, applies the write rules to the locked row, claims
 * (sender, clientMessageId), takes lastSeq + 1, inserts the message, marks it
 * read for the sender and writes the outbox row — one round trip, atomic on its own. Nothing written means a rule
 * refused (the same rules, applied here to the row the statement read, pick
 * the error) or the clientMessageId was already used: the original message,
 * same id and seq, is returned and no seq is allocated. The same statement
 * writes the mention rows of the message it inserts (none for a retry).
 * After COMMIT the event is published on conv:<id>; a failed publish is
 * logged and never fails the send: the message is durable, and the outbox
 * relay (or the client's resync by seq) delivers it later.
 */
import type { MessageView } from "@parley/protocol/events";
import type { OutboxEntry } from "../bus/outbox-events.ts";
import { publishCommitted } from "../bus/outbox.ts";
import { evaluateParticipantAccess } from "../conversations/access-rule.sql.ts";
import { asUnavailableIfInfrastructure, type Actor, type Db } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { messageIdFromString, seqToNumber, toIso } from "../core/wire.ts";
import { DomainError } from "../errors.ts";
import type { ServicePorts } from "../ports.ts";
import { extractMentionTokens, hasMentionTokens } from "./mentions.ts";
import { toMessageView } from "./message-view.ts";
import { messageCreated } from "./messages.events.ts";
import { findClientMessageIdClaim, findMessageRow, insertMentions } from "./messages.repository.ts";
import { sendMessageInputSchema, type SendMessageInput, type SendMessageResult } from "./messages.schema.ts";

type SendOutcome = { isReplay: true; message: MessageView } | { isReplay: false; message: MessageView; outbox: OutboxEntry[] };
type ValidSend = ReturnType<typeof parseSendInput>;

function parseSendInput(rawInput: SendMessageInput) {
  const input = parseInput(sendMessageInputSchema, rawInput);
  return { ...input, threadRootId: input.threadRootId ? messageIdFromString(input.threadRootId) : null };
}

export async function sendMessage(ports: ServicePorts, actor: Actor, rawInput: SendMessageInput): Promise<SendMessageResult> {
  const input = parseSendInput(rawInput);
  const now = ports.clock.now();
  if (!ports.sendRateLimiter.tryTake(actor.userId, now)) {
    throw new DomainError("RATE_LIMITED", "You're sending messages too quickly. Wait a moment and try again.");
  }
  // Minted before the statement; an aborted send burns an id, never a seq.
  const messageId = ports.ids.next(now);
  let outcome: SendOutcome;
  try {
    outcome = await storeMessage(ports, actor, input, messageId, now);
  } catch (error) {
    throw asUnavailableIfInfrastructure(error);
  }

  if (!outcome.isReplay) await publishCommitted(ports, outcome.outbox);
  return { message: outcome.message, clientMessageId: input.clientMessageId, isReplay: outcome.isReplay };
}

/** Runs the send statement and turns what it wrote (or why it wrote nothing) into the outcome or the error. */
async function storeMessage(ports: ServicePorts, actor: Actor, input: ValidSend, messageId: bigint, now: Date): Promise<SendOutcome> {
  const { db } = ports;
  // seq and senderName are placeholders here: the statement writes the real ones into the outbox row.
  const draft: MessageView = {
    id: messageId.toString(),
    conversationId: input.conversationId,
    seq: 0,
    senderId: actor.userId,
    senderName: null,
    threadRootId: input.threadRootId === null ? null : input.threadRootId.toString(),
    kind: "user",
    body: input.body,
    isDeleted: false,
    createdAt: toIso(now),
    editedAt: null,
    replyCount: 0,
  };
  const draftEvent = messageCreated(draft, input.clientMessageId);
  const result = await ports.sendQueue.submit({
    id: messageId,
    conversationId: input.conversationId,
    senderId: actor.userId,
    clientMessageId: input.clientMessageId,
    threadRootId: input.threadRootId,
    body: input.body,
    createdAt: now,
    outbox: { topic: draftEvent.topic, payload: draftEvent.event },
    mentions: extractMentionTokens(input.body),
  });
  const access = evaluateParticipantAccess(result?.viewer ?? null);
  if (access.conversation.archivedAt) throw new DomainError("FORBIDDEN", "This channel is archived: no new messages can be posted.");
  if (!result) throw new Error("unreachable: access was granted to a missing conversation");
  if (result.stored) {
    const message: MessageView = { ...draft, seq: seqToNumber(result.stored.seq), senderName: result.viewer.viewerName };
    const event = messageCreated(message, input.clientMessageId);
    return { isReplay: false, message, outbox: [{ ...event, outboxId: result.stored.outboxId }] };
  }
  const replay = async (): Promise<SendOutcome> => ({
    isReplay: true,
    message: await loadOriginal(db, actor.userId, input.clientMessageId, input.conversationId),
  });
  if (!result.isThreadRootValid) {
    // A retry of a reply whose root was deleted since still gets its original answer.
    if (await findClientMessageIdClaim(db, actor.userId, input.clientMessageId)) return replay();
    throw new DomainError("NOT_FOUND", "The message you are replying to does not exist, or is itself a reply.");
  }
  return replay();
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

/** Stores who an edited message mentions (a new one's mentions are written by the send statement itself). */
export async function recordMentions(tx: Db, message: { conversationId: string; messageId: bigint; senderId: string; body: string }): Promise<void> {
  const tokens = extractMentionTokens(message.body);
  if (!hasMentionTokens(tokens)) return;
  await insertMentions(tx, message, tokens);
}
