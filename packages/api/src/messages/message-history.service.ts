/** Reading history by seq: newest page, older/newer pages, a window around a message, a thread. */
import { entityIdSchema, type MessageView } from "@parley/protocol/events";
import { MAX_SYNC_LIMIT } from "@parley/protocol/frames";
import { conversationNotFound, evaluateParticipantAccess, evaluateReadAccess, type ConversationAccess } from "../conversations/access-rule.sql.ts";
import type { Actor, Db } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { messageIdFromString } from "../core/wire.ts";
import { DomainError } from "../errors.ts";
import type { ServicePorts } from "../ports.ts";
import { toMessageView } from "./message-view.ts";
import { existsMessage, selectViewerAndMessages, type MessageRow, type MessageScope, type SeqBound } from "./messages.repository.ts";
import { readSyncPage } from "./sync-batching.ts";
import { listMessagesInputSchema, type ListMessagesInput, type MessagePage } from "./messages.schema.ts";

/**
 * Cursors are seqs and exclusive (`after: 41` starts at 42), so a client
 * resyncing from its last seen seq gets exactly what it missed; `hasMore*`
 * say explicitly whether to ask again. Public channels can be read before
 * joining (see conversations/access-rule.sql.ts).
 */
export async function listMessages(ports: ServicePorts, actor: Actor, rawInput: ListMessagesInput): Promise<MessagePage> {
  const input = parseInput(listMessagesInputSchema, rawInput);
  const scope: MessageScope = input.threadRootId
    ? { kind: "thread", rootId: messageIdFromString(input.threadRootId) }
    : input.topLevelOnly
      ? { kind: "topLevel" }
      : { kind: "all" };
  const page = { db: ports.db, userId: actor.userId, conversationId: input.conversationId, scope, limit: input.limit };

  if (input.after !== undefined) return pageAfter(page, input.after);
  if (input.around !== undefined) return pageAround(page, input.around);
  return pageBefore(page, input.before ?? null);
}

interface PageRequest {
  db: Db;
  userId: string;
  conversationId: string;
  scope: MessageScope;
  limit: number;
}

/**
 * Rows of the scope beyond `bound` and the access row, in one round trip: the
 * statement reads rows only where the read rule (access-rule.sql.ts) holds,
 * and the same rule applied here to the access row picks the error.
 */
async function readChecked(
  page: PageRequest,
  bound: SeqBound | null,
  order: "asc" | "desc",
  limit: number,
): Promise<{ access: ConversationAccess; rows: MessageRow[] }> {
  if (!entityIdSchema.safeParse(page.conversationId).success) throw conversationNotFound();
  const { viewer, rows } = await selectViewerAndMessages(page.db, {
    userId: page.userId,
    conversationId: page.conversationId,
    scope: page.scope,
    bound,
    order,
    limit,
  });
  return { access: evaluateReadAccess(viewer), rows };
}

/** The newest page (no cursor) or the page just older than `before`. */
async function pageBefore(page: PageRequest, before: number | null): Promise<MessagePage> {
  const { access, rows } = await readChecked(page, before === null ? null : { op: "<", seq: before }, "desc", page.limit + 1);
  return {
    messages: views(rows.slice(0, page.limit).reverse()),
    hasMoreBefore: rows.length > page.limit,
    hasMoreAfter: before === null ? false : await hasMessageFrom(page, access.conversation.lastSeq, before),
  };
}

/**
 * Whether any message of the scope has seq >= `seq`. Seqs of a conversation
 * are gapless and never reused (a deleted message keeps its seq as a
 * tombstone), so for the whole conversation that is `seq <= lastSeq`: no query.
 */
async function hasMessageFrom(page: PageRequest, lastSeq: bigint, seq: number): Promise<boolean> {
  if (page.scope.kind === "all") return BigInt(seq) <= lastSeq;
  return existsMessage(page.db, { conversationId: page.conversationId, scope: page.scope, bound: { op: ">=", seq } });
}

async function pageAfter(page: PageRequest, after: number): Promise<MessagePage> {
  const { rows } = await readChecked(page, { op: ">", seq: after }, "asc", page.limit + 1);
  const hasMoreBefore = await existsMessage(page.db, { conversationId: page.conversationId, scope: page.scope, bound: { op: "<=", seq: after } });
  return { messages: views(rows.slice(0, page.limit)), hasMoreBefore, hasMoreAfter: rows.length > page.limit };
}

/** Half the page before `around`, the rest from it onwards (it included). */
async function pageAround(page: PageRequest, around: number): Promise<MessagePage> {
  const olderCount = Math.floor(page.limit / 2);
  const newerCount = page.limit - olderCount;
  const [older, newer] = await Promise.all([
    readChecked(page, { op: "<", seq: around }, "desc", olderCount + 1),
    readChecked(page, { op: ">=", seq: around }, "asc", newerCount + 1),
  ]);
  return {
    messages: views([...older.rows.slice(0, olderCount).reverse(), ...newer.rows.slice(0, newerCount)]),
    hasMoreBefore: older.rows.length > olderCount,
    hasMoreAfter: newer.rows.length > newerCount,
  };
}

function views(rows: MessageRow[]) {
  return rows.map(toMessageView);
}

export interface SyncMessagesInput {
  conversationId: string;
  /** Exclusive; 0 reads from the first message. */
  afterSeq: number;
  limit: number;
}

/**
 * The resync read behind a socket's `sync`: every message (thread replies
 * included, so seqs have no holes) after `afterSeq`, ascending. Participants
 * only, like the socket's subscriptions.
 */
export async function syncMessages(ports: ServicePorts, actor: Actor, input: SyncMessagesInput): Promise<{ messages: MessageView[]; hasMore: boolean }> {
  // Checked here, not by the statement: one malformed request must not fail the batch it shares.
  if (!entityIdSchema.safeParse(input.conversationId).success) throw conversationNotFound();
  if (!Number.isSafeInteger(input.afterSeq) || input.afterSeq < 0) throw new DomainError("INVALID", "afterSeq must be a whole number, 0 or more.");
  const limit = Math.min(Math.max(1, Math.trunc(input.limit) || 1), MAX_SYNC_LIMIT);
  const page = await readSyncPage(ports.db, { userId: actor.userId, conversationId: input.conversationId, afterSeq: input.afterSeq, take: limit + 1 });
  evaluateParticipantAccess(page.viewer);
  return { messages: views(page.rows.slice(0, limit)), hasMore: page.rows.length > limit };
}
