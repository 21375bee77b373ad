/** The only file of messages/ that touches SQL. Ids and seqs cross into SQL as text cast to bigint. */
import { Prisma, type MessageKind } from "@parley/db/client";
import { queryRows } from "@parley/db/pooled-rows";
import type { OutboxMarks } from "../bus/outbox-marks.ts";
import { conversationViewerSelect, mayReadSql, takesPartSql, viewerRowColumns, type ConversationViewerRow } from "../conversations/access-rule.sql.ts";
import type { Db } from "../core/database.ts";
import type { MentionTokens } from "./mentions.ts";
import { mentionRows } from "./mentions.sql.ts";
import { sendStatement, type ClaimedMessage } from "./send-statement.sql.ts";

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

// A reply is written after its root, so its id (time-ordered, ids.ts) is larger, give or take the clocks of
// two processes: a day of slack, in id units (milliseconds << 22).
const REPLY_ID_SLACK = (24n * 3600n * 1000n) << 22n;

// Reply counts are counted per root on read; a denormalized counter belongs to the threads capability.
// The count looks only at partitions from the root's month on (run-time pruning on the id bound): unbounded,
// it probed every monthly partition for every row of a page, which was most of a history read (4 of 6 ms
// for a page of 50 over 12 partitions).
const messageColumns = Prisma.sql`
  m."id", m."conversationId", m."seq", m."senderId", u."name" AS "senderName", m."threadRootId",
  m."kind"::text AS "kind", m."body", m."createdAt", m."editedAt", m."deletedAt",
  CASE WHEN m."threadRootId" IS NULL THEN (
    SELECT count(*) FROM "Message" r
    WHERE r."conversationId" = m."conversationId" AND r."threadRootId" = m."id" AND r."deletedAt" IS NULL
      AND r."id" > m."id" - ${REPLY_ID_SLACK.toString()}::bigint
  ) ELSE 0 END AS "replyCount"`;

// ---------- the send statement ----------

export interface SendStatementResult {
  /** The conversation and the sender's membership and participation, read under the row lock. */
  viewer: ConversationViewerRow;
  isThreadRootValid: boolean;
  /** Null when nothing was written: a rule refused it, or the clientMessageId was already used. */
  stored: { seq: bigint; outboxId: bigint } | null;
}

type SendStatementRow = {
  ord: bigint;
  conversationFound: boolean;
  isThreadRootValid: boolean;
  storedSeq: bigint | null;
  outboxId: bigint | null;
} & ConversationViewerRow;

/**
 * Sends a batch of messages in ONE statement (send-statement.sql.ts: each of
 * its fragments says the guarantee it gives). Returns one entry per message,
 * in order; null where the conversation does not exist.
 */
export async function insertMessages(db: Db, messages: readonly ClaimedMessage[], marks: OutboxMarks | null = null): Promise<(SendStatementResult | null)[]> {
  const rows = await queryRows<SendStatementRow>(db, sendStatement(messages, marks));
  if (rows.length !== messages.length) throw new Error(`send statement returned ${rows.length} rows for ${messages.length} messages`);
  return rows.map(({ ord: _ord, conversationFound, isThreadRootValid, storedSeq, outboxId, ...viewer }) =>
    conversationFound ? { viewer, isThreadRootValid, stored: storedSeq !== null && outboxId !== null ? { seq: storedSeq, outboxId } : null } : null,
  );
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

/** Stores who an edited message mentions (mentions.sql.ts: the rule the send statement uses for a new one). */
export async function insertMentions(db: Db, message: { conversationId: string; messageId: bigint; senderId: string }, tokens: MentionTokens): Promise<void> {
  const mentions = mentionRows({
    conversationId: Prisma.sql`${message.conversationId}::uuid`,
    senderId: Prisma.sql`${message.senderId}::uuid`,
    handles: Prisma.sql`${tokens.handles}::text[]`,
    mentionsChannel: Prisma.sql`${tokens.mentionsChannel}::boolean`,
    mentionsHere: Prisma.sql`${tokens.mentionsHere}::boolean`,
  });
  await db.$executeRaw`
    INSERT INTO "Mention" ("conversationId", "messageId", "kind", "userId")
    SELECT ${message.conversationId}::uuid, ${message.messageId.toString()}::bigint, mention."kind", mention."userId"
    FROM (${mentions}) mention`;
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
  const rows = await queryRows<MessageRow>(
    db,
    Prisma.sql`
    SELECT ${messageColumns}
    FROM "Message" m LEFT JOIN "User" u ON u."id" = m."senderId"
    WHERE m."conversationId" = ${conversationId}::uuid AND m."id" = ${messageId.toString()}::bigint`,
  );
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

/**
 * The conversation with the reader's membership and participation, and one
 * page of its messages by seq, in one round trip: the history read. The page
 * uses the (conversationId, seq) index of every partition (Merge Append).
 * Messages are read only where the read rule (access-rule.sql.ts) holds for
 * `viewer`; the caller applies the same rule to `viewer` to pick the error.
 */
export async function selectViewerAndMessages(
  db: Db,
  options: { userId: string; conversationId: string; scope: MessageScope; bound: SeqBound | null; order: "asc" | "desc"; limit: number },
): Promise<{ viewer: ConversationViewerRow | null; rows: MessageRow[] }> {
  const order = options.order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await queryRows<ViewerAndMessageRow>(
    db,
    Prisma.sql`
    SELECT ${viewerColumnsAs(Prisma.sql`v`)}, page.*
    FROM (${conversationViewerSelect(Prisma.sql`${options.conversationId}::uuid`, Prisma.sql`${options.userId}::uuid`)}) v
    LEFT JOIN LATERAL (
      SELECT ${messageColumns}
      FROM "Message" m LEFT JOIN "User" u ON u."id" = m."senderId"
      WHERE ${mayReadSql(viewerRowColumns("v"))}
        AND m."conversationId" = ${options.conversationId}::uuid ${scopeFilter(options.scope)} ${boundFilter(options.bound)}
      ORDER BY m."seq" ${order}
      LIMIT ${options.limit}
    ) page ON true
    ORDER BY page."seq" ${order}`,
  );
  const viewer = rows[0] ? viewerOf(rows[0]) : null;
  return { viewer, rows: rows.flatMap((row) => messageOf(row) ?? []) };
}

export async function existsMessage(db: Db, options: { conversationId: string; scope: MessageScope; bound: SeqBound }): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    Prisma.sql`
    SELECT EXISTS (
      SELECT 1 FROM "Message" m
      WHERE m."conversationId" = ${options.conversationId}::uuid ${scopeFilter(options.scope)} ${boundFilter(options.bound)}
    ) AS "found"`,
  );
  return rows[0]?.found ?? false;
}

// ---------- resync pages, many at once ----------

export interface SyncPageRequest {
  userId: string;
  conversationId: string;
  afterSeq: number;
  /** Rows to read (the caller asks one more than it returns, to know hasMore). */
  take: number;
}

export interface SyncPage {
  /** The conversation with the requester's membership and participation; null if it does not exist. */
  viewer: ConversationViewerRow | null;
  /** Messages after `afterSeq`, ascending; read only when the requester is an active participant. */
  rows: MessageRow[];
}

/** A conversation's viewer row (columns renamed apart from the message's) beside one message row, or none. */
type ViewerAndMessageRow = { [Column in keyof MessageRow]: MessageRow[Column] | null } & {
  cId: string | null;
  cWorkspaceId: string;
  cKind: ConversationViewerRow["kind"];
  cName: string | null;
  cCreatedById: string | null;
  cArchivedAt: Date | null;
  cLastSeq: bigint;
  workspaceRole: ConversationViewerRow["workspaceRole"];
  deactivatedAt: Date | null;
  participantRole: ConversationViewerRow["participantRole"];
  lastReadSeq: bigint | null;
  viewerName: string | null;
};

/** The viewer columns of `alias` (a conversationViewerSelect), renamed as ViewerAndMessageRow has them. */
function viewerColumnsAs(alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${alias}."id" AS "cId", ${alias}."workspaceId" AS "cWorkspaceId", ${alias}."kind" AS "cKind", ${alias}."name" AS "cName",
    ${alias}."createdById" AS "cCreatedById", ${alias}."archivedAt" AS "cArchivedAt", ${alias}."lastSeq" AS "cLastSeq",
    ${alias}."workspaceRole", ${alias}."deactivatedAt", ${alias}."participantRole", ${alias}."lastReadSeq", ${alias}."viewerName"`;
}

function viewerOf(row: ViewerAndMessageRow): ConversationViewerRow | null {
  if (row.cId === null) return null;
  return {
    id: row.cId,
    workspaceId: row.cWorkspaceId,
    kind: row.cKind,
    name: row.cName,
    createdById: row.cCreatedById,
    archivedAt: row.cArchivedAt,
    lastSeq: row.cLastSeq,
    workspaceRole: row.workspaceRole,
    deactivatedAt: row.deactivatedAt,
    participantRole: row.participantRole,
    lastReadSeq: row.lastReadSeq,
    viewerName: row.viewerName,
  };
}

function messageOf(row: ViewerAndMessageRow): MessageRow | null {
  if (row.id === null) return null;
  const { id, conversationId, seq, senderId, senderName, threadRootId, kind, body, createdAt, editedAt, deletedAt, replyCount } = row;
  return { id, conversationId, seq, senderId, senderName, threadRootId, kind, body, createdAt, editedAt, deletedAt, replyCount } as MessageRow;
}

type SyncPageRow = ViewerAndMessageRow & { ord: bigint };

/**
 * The pages behind many sockets' `sync` frames in one round trip (after a
 * reconnect storm every client syncs at once): per request, the access row
 * and, for active participants, the messages after its seq. The requests
 * travel as one jsonb so the prepared statement keeps its generic plan.
 */
export async function selectSyncPages(db: Db, requests: readonly SyncPageRequest[]): Promise<SyncPage[]> {
  const rows = await queryRows<SyncPageRow>(
    db,
    Prisma.sql`
    WITH req AS MATERIALIZED (
      SELECT * FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(requests)}::jsonb) AS (
        "userId" uuid, "conversationId" uuid, "afterSeq" bigint, "take" int
      )) WITH ORDINALITY AS r ("userId", "conversationId", "afterSeq", "take", "ord")
    )
    SELECT r."ord", ${viewerColumnsAs(Prisma.sql`v`)}, page.*
    FROM req r
    LEFT JOIN LATERAL (
      -- LIMIT 1 keeps the planner from flattening this into hash joins over whole tables in the generic plan.
      SELECT * FROM (${conversationViewerSelect(Prisma.sql`r."conversationId"`, Prisma.sql`r."userId"`)}) viewer LIMIT 1
    ) v ON true
    LEFT JOIN LATERAL (
      SELECT ${messageColumns}
      FROM "Message" m LEFT JOIN "User" u ON u."id" = m."senderId"
      WHERE ${takesPartSql(viewerRowColumns("v"))}
        AND m."conversationId" = r."conversationId" AND m."seq" > r."afterSeq"
      ORDER BY m."seq" ASC
      LIMIT r."take"
    ) page ON true
    ORDER BY r."ord", page."seq"`,
  );
  const pages: SyncPage[] = requests.map(() => ({ viewer: null, rows: [] }));
  for (const row of rows) {
    const page = pages[Number(row.ord) - 1] as SyncPage;
    page.viewer ??= viewerOf(row);
    const message = messageOf(row);
    if (message) page.rows.push(message);
  }
  return pages;
}
