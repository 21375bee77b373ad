/** The only file of messages/ that touches SQL. Ids and seqs cross into SQL as text cast to bigint. */
import { Prisma, type MessageKind, type MentionKind } from "@parley/db/client";
import { conversationViewerSelect, type ConversationViewerRow } from "../conversations/conversations.repository.ts";
import type { Db } from "../conversations/database.ts";

export interface MessageRow {
  id: bigint;
  conversationId: string;
  seq: bigint;
  senderId: string | null;
  senderName: string | null;
  threadRootId: bigint | null;
  kind: MessageKind;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  replyCount: bigint | number;
}

// Reply counts are counted per root on read; a denormalized counter belongs to the threads capability.
const messageColumns = Prisma.sql`
  m."id", m."conversationId", m."seq", m."senderId", u."name" AS "senderName", m."threadRootId",
  m."kind"::text AS "kind", m."body", m."createdAt", m."editedAt", m."deletedAt",
  CASE WHEN m."threadRootId" IS NULL THEN (
    SELECT count(*) FROM "Message" r
    WHERE r."conversationId" = m."conversationId" AND r."threadRootId" = m."id" AND r."deletedAt" IS NULL
  ) ELSE 0 END AS "replyCount"`;

// ---------- the send statement ----------

export interface ClaimedMessage {
  id: bigint;
  conversationId: string;
  senderId: string;
  clientMessageId: string;
  threadRootId: bigint | null;
  body: string;
  createdAt: Date;
  /** The message.created event; the statement fills in message.seq and message.senderName, known only under the lock. */
  outbox: { topic: string; payload: unknown };
}

export interface SendStatementResult {
  /** The conversation and the sender's membership and participation, read under the row lock. */
  viewer: ConversationViewerRow;
  isThreadRootValid: boolean;
  /** Null when nothing was written: a rule refused it, or the clientMessageId was already used. */
  stored: { seq: bigint; outboxId: bigint } | null;
}

type SendStatementRow = ConversationViewerRow & { isThreadRootValid: boolean; storedSeq: bigint | null; outboxId: bigint | null };

/**
 * The whole send in ONE statement (so one round trip, atomic on its own
 * without an interactive transaction):
 *   viewer    the conversation row locked (NO KEY UPDATE: what the lastSeq
 *             UPDATE takes anyway) with the sender's membership and
 *             participation; every send to this conversation queues here;
 *   allowed   the write rule of conversation-access.ts (active member of the
 *             workspace, participant) and not archived, on the locked row,
 *             plus a valid thread root for replies. The service re-applies
 *             the same rules to `viewer` to pick the error; the
 *             authorization tests hold both to the same answers;
 *   claim     (sender, clientMessageId), ON CONFLICT DO NOTHING; a conflict
 *             with a committed send means a retry (a concurrent uncommitted
 *             one makes the insert wait for its outcome);
 *   next      lastSeq + 1, only if the claim was new: a retry allocates no seq;
 *   inserted  the message with that seq;
 *   reader    the sender has read their own message;
 *   outbox    the event with its seq and sender name, in the same transaction.
 * Returns null when the conversation does not exist.
 */
export async function claimAndInsertMessage(db: Db, message: ClaimedMessage): Promise<SendStatementResult | null> {
  const id = message.id.toString();
  const rootId = message.threadRootId === null ? null : message.threadRootId.toString();
  const rows = await db.$queryRaw<SendStatementRow[]>`
    WITH viewer AS MATERIALIZED (
      ${conversationViewerSelect(message.conversationId, message.senderId)}
      FOR NO KEY UPDATE OF c
    ), root AS (
      SELECT (${rootId}::bigint IS NULL OR EXISTS (
        SELECT 1 FROM "Message" r
        WHERE r."conversationId" = ${message.conversationId}::uuid AND r."id" = ${rootId}::bigint
          AND r."deletedAt" IS NULL AND r."threadRootId" IS NULL
      )) AS "isThreadRootValid"
    ), allowed AS (
      SELECT 1 FROM viewer, root
      WHERE viewer."workspaceRole" IS NOT NULL AND viewer."deactivatedAt" IS NULL AND viewer."participantRole" IS NOT NULL
        AND viewer."archivedAt" IS NULL AND root."isThreadRootValid"
    ), claim AS (
      INSERT INTO "MessageIdempotency" ("senderId", "clientMessageId", "conversationId", "messageId", "createdAt")
      SELECT ${message.senderId}::uuid, ${message.clientMessageId}, ${message.conversationId}::uuid, ${id}::bigint, ${message.createdAt}
      FROM allowed
      ON CONFLICT ("senderId", "clientMessageId") DO NOTHING
      RETURNING 1
    ), next AS (
      UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "lastMessageAt" = ${message.createdAt}
      WHERE "id" = ${message.conversationId}::uuid AND EXISTS (SELECT 1 FROM claim)
      RETURNING "lastSeq"
    ), inserted AS (
      INSERT INTO "Message" ("id", "conversationId", "seq", "senderId", "threadRootId", "body", "kind", "createdAt")
      SELECT ${id}::bigint, ${message.conversationId}::uuid, next."lastSeq", ${message.senderId}::uuid, ${rootId}::bigint,
             ${message.body}, 'user'::"MessageKind", ${message.createdAt}
      FROM next
      RETURNING "seq"
    ), reader AS (
      UPDATE "Participant" p SET "lastReadSeq" = GREATEST(p."lastReadSeq", inserted."seq")
      FROM inserted
      WHERE p."conversationId" = ${message.conversationId}::uuid AND p."userId" = ${message.senderId}::uuid
    ), outbox AS (
      INSERT INTO "Outbox" ("topic", "payload")
      SELECT ${message.outbox.topic},
             jsonb_set(jsonb_set(${JSON.stringify(message.outbox.payload)}::jsonb, '{message,seq}', to_jsonb(inserted."seq")),
                       '{message,senderName}', COALESCE(to_jsonb(viewer."viewerName"), 'null'::jsonb))
      FROM inserted, viewer
      RETURNING "id"
    )
    SELECT viewer.*, root."isThreadRootValid", inserted."seq" AS "storedSeq", outbox."id" AS "outboxId"
    FROM viewer CROSS JOIN root LEFT JOIN inserted ON true LEFT JOIN outbox ON true`;
  const row = rows[0];
  if (!row) return null;
  const { isThreadRootValid, storedSeq, outboxId, ...viewer } = row;
  return { viewer, isThreadRootValid, stored: storedSeq !== null && outboxId !== null ? { seq: storedSeq, outboxId } : null };
}

export async function findClientMessageIdClaim(db: Db, senderId: string, clientMessageId: string) {
  return db.messageIdempotency.findUnique({
    where: { senderId_clientMessageId: { senderId, clientMessageId } },
    select: { conversationId: true, messageId: true },
  });
}

export async function findMessageHeader(db: Db, conversationId: string, messageId: bigint) {
  const rows = await db.$queryRaw<{ senderId: string | null; threadRootId: bigint | null; deletedAt: Date | null; body: string; seq: bigint }[]>`
    SELECT "senderId", "threadRootId", "deletedAt", "body", "seq" FROM "Message"
    WHERE "conversationId" = ${conversationId}::uuid AND "id" = ${messageId.toString()}::bigint`;
  return rows[0] ?? null;
}

/** Participants of the conversation whose handles might match; the caller decides exactly. */
export async function findMentionCandidates(
  db: Db,
  options: { conversationId: string; handles: readonly string[]; excludeUserId: string },
): Promise<{ id: string; email: string; name: string }[]> {
  if (options.handles.length === 0) return [];
  const handles = [...options.handles];
  return db.$queryRaw<{ id: string; email: string; name: string }[]>`
    SELECT u."id", u."email", u."name"
    FROM "Participant" p
    JOIN "Conversation" c ON c."id" = p."conversationId"
    JOIN "Membership" ms ON ms."workspaceId" = c."workspaceId" AND ms."userId" = p."userId" AND ms."deactivatedAt" IS NULL
    JOIN "User" u ON u."id" = p."userId"
    WHERE p."conversationId" = ${options.conversationId}::uuid AND p."userId" <> ${options.excludeUserId}::uuid
      AND (lower(split_part(u."email", '@', 1)) = ANY(${handles}::text[])
           OR lower(regexp_replace(btrim(normalize(u."name", NFKC)), '\\s+', '.', 'g')) = ANY(${handles}::text[]))`;
}

export async function insertMentions(
  db: Db,
  conversationId: string,
  messageId: bigint,
  mentions: readonly { kind: MentionKind; userId: string | null }[],
): Promise<void> {
  if (mentions.length === 0) return;
  await db.mention.createMany({
    data: mentions.map((mention) => ({ conversationId, messageId, kind: mention.kind, userId: mention.userId })),
  });
}

export async function deleteMentions(db: Db, conversationId: string, messageId: bigint): Promise<void> {
  await db.mention.deleteMany({ where: { conversationId, messageId } });
}

// ---------- edits and deletes ----------

/** Locks one message for an edit or delete (so two edits keep a consistent history). */
export async function lockMessage(db: Db, conversationId: string, messageId: bigint) {
  const rows = await db.$queryRaw<{ senderId: string | null; body: string; deletedAt: Date | null; seq: bigint }[]>`
    SELECT "senderId", "body", "deletedAt", "seq" FROM "Message"
    WHERE "conversationId" = ${conversationId}::uuid AND "id" = ${messageId.toString()}::bigint
    FOR UPDATE`;
  return rows[0] ?? null;
}

export async function updateMessageBody(db: Db, conversationId: string, messageId: bigint, body: string, editedAt: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "MessageEdit" ("conversationId", "messageId", "previousBody", "editedAt")
    SELECT "conversationId", "id", "body", ${editedAt} FROM "Message"
    WHERE "conversationId" = ${conversationId}::uuid AND "id" = ${messageId.toString()}::bigint`;
  await db.$executeRaw`
    UPDATE "Message" SET "body" = ${body}, "editedAt" = ${editedAt}
    WHERE "conversationId" = ${conversationId}::uuid AND "id" = ${messageId.toString()}::bigint`;
}

/** Tombstone: the row (and its seq) stays; its text, edit history and mentions go. */
export async function tombstoneMessage(db: Db, conversationId: string, messageId: bigint, deletedAt: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "Message" SET "body" = '', "deletedAt" = ${deletedAt}
    WHERE "conversationId" = ${conversationId}::uuid AND "id" = ${messageId.toString()}::bigint`;
  await db.messageEdit.deleteMany({ where: { conversationId, messageId } });
  await db.mention.deleteMany({ where: { conversationId, messageId } });
}

export async function selectMessageEdits(db: Db, conversationId: string, messageId: bigint) {
  return db.messageEdit.findMany({
    where: { conversationId, messageId },
    orderBy: { id: "asc" },
    select: { previousBody: true, editedAt: true },
  });
}

// ---------- reading ----------

export async function findMessageRow(db: Db, conversationId: string, messageId: bigint): Promise<MessageRow | null> {
  const rows = await db.$queryRaw<MessageRow[]>`
    SELECT ${messageColumns}
    FROM "Message" m LEFT JOIN "User" u ON u."id" = m."senderId"
    WHERE m."conversationId" = ${conversationId}::uuid AND m."id" = ${messageId.toString()}::bigint`;
  return rows[0] ?? null;
}

export type SeqBound = { op: "<" | ">" | ">=" | "<="; seq: number };
export type MessageScope = { kind: "all" } | { kind: "topLevel" } | { kind: "thread"; rootId: bigint };

function scopeFilter(scope: MessageScope): Prisma.Sql {
  if (scope.kind === "topLevel") return Prisma.sql`AND m."threadRootId" IS NULL`;
  if (scope.kind === "thread") return Prisma.sql`AND m."threadRootId" = ${scope.rootId.toString()}::bigint`;
  return Prisma.empty;
}

function boundFilter(bound: SeqBound | null): Prisma.Sql {
  if (!bound) return Prisma.empty;
  return Prisma.sql`AND m."seq" ${Prisma.raw(bound.op)} ${bound.seq}`;
}

/** One page by seq: uses the (conversationId, seq) index of every partition (Merge Append). */
export async function selectMessages(
  db: Db,
  options: { conversationId: string; scope: MessageScope; bound: SeqBound | null; order: "asc" | "desc"; limit: number },
): Promise<MessageRow[]> {
  const order = options.order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return db.$queryRaw<MessageRow[]>`
    SELECT ${messageColumns}
    FROM "Message" m LEFT JOIN "User" u ON u."id" = m."senderId"
    WHERE m."conversationId" = ${options.conversationId}::uuid ${scopeFilter(options.scope)} ${boundFilter(options.bound)}
    ORDER BY m."seq" ${order}
    LIMIT ${options.limit}`;
}

export async function existsMessage(db: Db, options: { conversationId: string; scope: MessageScope; bound: SeqBound }): Promise<boolean> {
  const rows = await db.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "Message" m
      WHERE m."conversationId" = ${options.conversationId}::uuid ${scopeFilter(options.scope)} ${boundFilter(options.bound)}
    ) AS "found"`;
  return rows[0]?.found ?? false;
}
