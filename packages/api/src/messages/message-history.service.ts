/** Reading history by seq: newest page, older/newer pages, a window around a message, a thread. */
import { entityIdSchema, type MessageView } from "@parley/protocol/events";
import { MAX_SYNC_LIMIT } from "@parley/protocol/frames";
import { evaluateParticipantAccess, requireReader } from "../conversations/conversation-access.ts";
import type { Actor, Db } from "../conversations/database.ts";
import { parseInput } from "../conversations/input.ts";
import { messageIdFromString } from "../conversations/wire.ts";
import { DomainError } from "../errors.ts";
import type { ServicePorts } from "../ports.ts";
import { toMessageView } from "./message-view.ts";
import { existsMessage, selectMessages, type MessageRow, type MessageScope } from "./messages.repository.ts";
import { readSyncPage } from "./sync-batching.ts";
import { listMessagesInputSchema, type ListMessagesInput, type MessagePage } from "./messages.schema.ts";

/**
 * Cursors are seqs and exclusive (`after: 41` starts at 42), so a client
 * resyncing from its last seen seq gets exactly what it missed; `hasMore*`
 * say explicitly whether to ask again. Public channels can be read before
 * joining (see conversation-access.ts).
 */
export async function listMessages(ports: ServicePorts, actor: Actor, rawInput: ListMessagesInput): Promise<MessagePage> {
  const input = parseInput(listMessagesInputSchema, rawInput);
  const access = await requireReader(ports.db, input.conversationId, actor.userId);
  const scope: MessageScope = input.threadRootId
    ? { kind: "thread", rootId: messageIdFromString(input.threadRootId) }
    : input.topLevelOnly
      ? { kind: "topLevel" }
      : { kind: "all" };
  const page = { db: ports.db, conversationId: input.conversationId, scope, limit: input.limit, lastSeq: access.conversation.lastSeq };

  if (input.after !== undefined) return pageAfter(page, input.after);
  if (input.around !== undefined) return pageAround(page, input.around);
  return pageBefore(page, input.before ?? null);
}

interface PageRequest {
  db: Db;
  conversationId: string;
  scope: MessageScope;
  limit: number;
  /** The conversation's lastSeq as the access check read it. */
  lastSeq: bigint;
}

/** The newest page (no cursor) or the page just older than `before`. */
async function pageBefore(page: PageRequest, before: number | null): Promise<MessagePage> {
  const rows = await selectMessages(page.db, {
    conversationId: page.conversationId,
    scope: page.scope,
    bound: before === null ? null : { op: "<", seq: before },
    order: "desc",
    limit: page.limit + 1,
  });
  return {
    messages: views(rows.slice(0, page.limit).reverse()),
    hasMoreBefore: rows.length > page.limit,
    hasMoreAfter: before === null ? false : await hasMessageFrom(page, before),
  };
}

/**
 * Whether any message of the scope has seq >= `seq`. Seqs of a conversation
 * are gapless and never reused (a deleted message keeps its seq as a
 * tombstone), so for the whole conversation that is `seq <= lastSeq`: no query.
 */
async function hasMessageFrom(page: PageRequest, seq: number): Promise<boolean> {
  if (page.scope.kind === "all") return BigInt(seq) <= page.lastSeq;
  return existsMessage(page.db, { conversationId: page.conversationId, scope: page.scope, bound: { op: ">=", seq } });
}

async function pageAfter(page: PageRequest, after: number): Promise<MessagePage> {
  const rows = await selectMessages(page.db, {
    conversationId: page.conversationId,
    scope: page.scope,
    bound: { op: ">", seq: after },
    order: "asc",
    limit: page.limit + 1,
  });
  const hasMoreBefore = await existsMessage(page.db, { conversationId: page.conversationId, scope: page.scope, bound: { op: "<=", seq: after } });
  return { messages: views(rows.slice(0, page.limit)), hasMoreBefore, hasMoreAfter: rows.length > page.limit };
}

/** Half the page before `around`, the rest from it onwards (it included). */
async function pageAround(page: PageRequest, around: number): Promise<MessagePage> {
  const olderCount = Math.floor(page.limit / 2);
  const newerCount = page.limit - olderCount;
  const [older, newer] = await Promise.all([
    selectMessages(page.db, { conversationId: page.conversationId, scope: page.scope, bound: { op: "<", seq: around }, order: "desc", limit: olderCount + 1 }),
    selectMessages(page.db, { conversationId: page.conversationId, scope: page.scope, bound: { op: ">=", seq: around }, order: "asc", limit: newerCount + 1 }),
  ]);
  return {
    messages: views([...older.slice(0, olderCount).reverse(), ...newer.slice(0, newerCount)]),
    hasMoreBefore: older.length > olderCount,
    hasMoreAfter: newer.length > newerCount,
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
  if (!entityIdSchema.safeParse(input.conversationId).success) evaluateParticipantAccess(null);
  if (!Number.isSafeInteger(input.afterSeq) || input.afterSeq < 0) throw new DomainError("INVALID", "afterSeq must be a whole number, 0 or more.");
  const limit = Math.min(Math.max(1, Math.trunc(input.limit) || 1), MAX_SYNC_LIMIT);
  const page = await readSyncPage(ports.db, { userId: actor.userId, conversationId: input.conversationId, afterSeq: input.afterSeq, take: limit + 1 });
  evaluateParticipantAccess(page.viewer);
  return { messages: views(page.rows.slice(0, limit)), hasMore: page.rows.length > limit };
}
