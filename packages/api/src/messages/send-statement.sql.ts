/**
 * The send statement: one statement (one round trip, atomic on its own,
 * without an interactive transaction) sends one message or a batch of them
 * (send-batching.ts), in the order given (`ord`). It is built from the named
 * fragments below, in the order they run; each says the guarantee it gives
 * and the test that proves it. Run by insertMessages (messages.repository.ts).
 *
 * Written for the generic plan of a prepared statement (CONVENTIONS.md,
 * "Habits"): the batch travels as ONE jsonb value, lookups are by key
 * (LATERAL … LIMIT 1, = ANY(ARRAY(…))); send-statement-plan.int.test.ts pins it.
 */
import { Prisma } from "@parley/db/client";
import type { OutboxMarks } from "../bus/outbox-marks.ts";
import { takesPartSql, viewerRowColumns } from "../conversations/access-rule.sql.ts";
import { hasMentionTokens, type MentionTokens } from "./mentions.ts";
import { mentionRows } from "./mentions.sql.ts";

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
  /** The body's mention tokens (extractMentionTokens); the statement resolves them to people. */
  mentions: MentionTokens;
}

/**
 * input: the batch, one row per message with its position `ord`. ONE jsonb
 * value whatever the batch holds, so the planner sees the same row estimate
 * every time and the prepared statement settles on its generic plan instead
 * of re-planning every execution (which cost Postgres as much as running it).
 * Proved by send-statement-plan.int.test.ts (the generic plan reads by key).
 */
function input(messages: readonly ClaimedMessage[]): Prisma.Sql {
  const batch = messages.map((message) => ({
    id: message.id.toString(),
    conversationId: message.conversationId,
    senderId: message.senderId,
    clientMessageId: message.clientMessageId,
    threadRootId: message.threadRootId?.toString() ?? null,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    topic: message.outbox.topic,
    payload: message.outbox.payload,
    // Absent (NULL in the recordset: no one mentioned) for the message that mentions nobody.
    ...(hasMentionTokens(message.mentions)
      ? { mentionHandles: message.mentions.handles, mentionsChannel: message.mentions.mentionsChannel, mentionsHere: message.mentions.mentionsHere }
      : {}),
  }));
  return Prisma.sql`input AS MATERIALIZED (
      SELECT * FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS (
        "id" bigint, "conversationId" uuid, "senderId" uuid, "clientMessageId" text, "threadRootId" bigint,
        "body" text, "createdAt" timestamptz, "topic" text, "payload" jsonb,
        "mentionHandles" text[], "mentionsChannel" boolean, "mentionsHere" boolean
      )) WITH ORDINALITY AS i ("id", "conversationId", "senderId", "clientMessageId", "threadRootId", "body", "createdAt", "topic", "payload",
                               "mentionHandles", "mentionsChannel", "mentionsHere", "ord")
    )`;
}

/**
 * locked: every conversation of the batch, row-locked (NO KEY UPDATE: what the
 * lastSeq UPDATE takes anyway) in id order, so two batches locking overlapping
 * sets cannot deadlock; every send to a conversation queues here, which is
 * what makes seqs gapless and ordered. Proved by messages.int.test.ts
 * ("gives 20 concurrent senders × 50 messages the seqs 1..1000, gapless,
 * unique, FIFO per sender") and messages.property.int.test.ts.
 */
const locked = Prisma.sql`locked AS MATERIALIZED (
      -- Lookups by key, one per row (LATERAL … LIMIT 1 keeps the planner from
      -- hashing whole tables: the statement is prepared once and its generic
      -- plan must stay right as the tables grow). Locked in id order.
      SELECT c.* FROM (SELECT DISTINCT "conversationId" AS "id" FROM input ORDER BY 1) wanted
      CROSS JOIN LATERAL (
        SELECT c."id", c."workspaceId", c."kind"::text AS "kind", c."name", c."createdById", c."archivedAt", c."lastSeq"
        FROM "Conversation" c WHERE c."id" = wanted."id"
        FOR NO KEY UPDATE
      ) c
    )`;

/**
 * viewer: per message, the locked conversation with the sender's membership
 * and participation, read under the lock (a member removed a moment ago is
 * seen removed), and whether a reply's thread root is valid. The service
 * re-applies the access rules to this row to pick the error of a refused send.
 * Proved by send-statement.int.test.ts ("answers each message on its own")
 * and conversations/authorization.int.test.ts.
 */
const viewer = Prisma.sql`viewer AS MATERIALIZED (
      SELECT i."ord", c.*, m."role" AS "workspaceRole", m."deactivatedAt",
             p."role" AS "participantRole", p."lastReadSeq", m."viewerName",
             (i."threadRootId" IS NULL OR EXISTS (
               SELECT 1 FROM "Message" r
               WHERE r."conversationId" = i."conversationId" AND r."id" = i."threadRootId"
                 AND r."deletedAt" IS NULL AND r."threadRootId" IS NULL
             )) AS "isThreadRootValid"
      FROM input i
      JOIN locked c ON c."id" = i."conversationId"
      LEFT JOIN LATERAL (
        SELECT ms."role"::text AS "role", ms."deactivatedAt", u."name" AS "viewerName"
        FROM "Membership" ms JOIN "User" u ON u."id" = ms."userId"
        WHERE ms."workspaceId" = c."workspaceId" AND ms."userId" = i."senderId" LIMIT 1
      ) m ON true
      LEFT JOIN LATERAL (
        SELECT pa."role"::text AS "role", pa."lastReadSeq"
        FROM "Participant" pa WHERE pa."conversationId" = c."id" AND pa."userId" = i."senderId" LIMIT 1
      ) p ON true
    )`;

/**
 * allowed: the messages that may be written: the sender takes part by the
 * one access rule (conversations/access-rule.sql.ts: active member of the
 * workspace, participant) and the conversation is not archived, on the
 * locked row, plus a valid thread root for replies. Nothing after this reads
 * a refused message, so a refusal writes nothing. Proved by messages.int.test.ts
 * ("sendMessage: refusals change nothing and publish nothing") and
 * conversations/access-paths.int.test.ts (what it stored, for every persona).
 */
const allowed = Prisma.sql`allowed AS (
      SELECT i.* FROM input i JOIN viewer v ON v."ord" = i."ord"
      WHERE ${takesPartSql(viewerRowColumns("v"))}
        AND v."archivedAt" IS NULL AND v."isThreadRootValid"
    )`;

/**
 * claim, claimed: idempotency. (sender, clientMessageId) is claimed ON
 * CONFLICT DO NOTHING; a conflict with a committed send, or with an earlier
 * message of this batch, means a retry, which writes nothing more (a
 * concurrent uncommitted claim makes the insert wait for its outcome).
 * `offset` numbers each conversation's newly claimed messages in batch order.
 * Proved by messages.int.test.ts ("stores one message when the same
 * clientMessageId is sent 20× concurrently") and send-statement.int.test.ts.
 */
const claim = Prisma.sql`claim AS (
      INSERT INTO "MessageIdempotency" ("senderId", "clientMessageId", "conversationId", "messageId", "createdAt")
      SELECT "senderId", "clientMessageId", "conversationId", "id", "createdAt" FROM allowed ORDER BY "ord"
      ON CONFLICT ("senderId", "clientMessageId") DO NOTHING
      RETURNING "messageId"
    ), claimed AS (
      SELECT a.*, row_number() OVER (PARTITION BY a."conversationId" ORDER BY a."ord") AS "offset"
      FROM allowed a WHERE a."id" IN (SELECT "messageId" FROM claim)
    )`;

/**
 * next: lastSeq + (messages newly claimed there), per conversation: a retry
 * or a refusal allocates no seq, and the batch's messages take the seqs after
 * the old lastSeq in batch order. Proved by send-statement.int.test.ts ("gives
 * each conversation's messages the next seqs in batch order") and the
 * ordering test of messages.int.test.ts.
 */
const next = Prisma.sql`next AS (
      -- The = ANY(ARRAY(…)) conditions (here and in reader) let the generic plan reach the rows
      -- by index: joined only to the grouped batch, Postgres 18 hashed it against a sequential
      -- scan of the whole table, once per statement (Participant: 11k rows read per send after
      -- the delivery bench had seeded 10k members; sends/s fell a third). A table of a few pages
      -- may still be scanned, where that is cheaper. Pinned by send-statement-plan.int.test.ts.
      UPDATE "Conversation" c SET "lastSeq" = c."lastSeq" + n."count", "lastMessageAt" = GREATEST(c."lastMessageAt", n."lastAt")
      FROM (SELECT "conversationId", count(*) AS "count", max("createdAt") AS "lastAt" FROM claimed GROUP BY "conversationId") n
      WHERE c."id" = n."conversationId" AND c."id" = ANY(ARRAY(SELECT "conversationId" FROM claimed))
      RETURNING c."id", c."lastSeq" - n."count" AS "seqBefore"
    )`;

/**
 * inserted: the messages, with those seqs; committed together with everything
 * else here, so an acknowledged send is durable. Proved by
 * send-statement.int.test.ts (stored rows after a batch) and messages.int.test.ts.
 */
const inserted = Prisma.sql`inserted AS (
      INSERT INTO "Message" ("id", "conversationId", "seq", "senderId", "threadRootId", "body", "kind", "createdAt")
      SELECT cl."id", cl."conversationId", n."seqBefore" + cl."offset", cl."senderId", cl."threadRootId", cl."body", 'user'::"MessageKind", cl."createdAt"
      FROM claimed cl JOIN next n ON n."id" = cl."conversationId"
      RETURNING "id", "conversationId", "senderId", "seq"
    )`;

/**
 * reader: each sender has read their own messages (never moved backwards).
 * Proved by send-statement.int.test.ts ("marks each sender's read up to their last").
 */
const reader = Prisma.sql`reader AS (
      UPDATE "Participant" p SET "lastReadSeq" = GREATEST(p."lastReadSeq", r."seq")
      FROM (SELECT "conversationId", "senderId", max("seq") AS "seq" FROM inserted GROUP BY "conversationId", "senderId") r
      WHERE p."conversationId" = r."conversationId" AND p."userId" = r."senderId"
        AND p."conversationId" = ANY(ARRAY(SELECT "conversationId" FROM inserted)) AND p."userId" = ANY(ARRAY(SELECT "senderId" FROM inserted))
    )`;

/**
 * outbox: each inserted message's message.created event, with its seq and
 * sender name, in the same transaction as the message: an event is published
 * if and only if its message committed (the relay publishes what a crashed
 * process did not: at least once). Proved by send-statement.int.test.ts ("one
 * outbox row per message with its seq") and messages.int.test.ts ("does not
 * fail a committed send when publishing fails; the relay publishes it later").
 */
const outbox = Prisma.sql`outbox AS (
      INSERT INTO "Outbox" ("topic", "payload")
      SELECT i."topic",
             jsonb_set(jsonb_set(i."payload", '{message,seq}', to_jsonb(ins."seq")),
                       '{message,senderName}', COALESCE(to_jsonb(v."viewerName"), 'null'::jsonb))
      FROM inserted ins JOIN input i ON i."id" = ins."id" JOIN viewer v ON v."ord" = i."ord"
      ORDER BY i."ord"
      RETURNING "id", ("payload"->'message'->>'id')::bigint AS "messageId"
    )`;

/**
 * mentioned: the Mention rows of each inserted message (people of the
 * conversation by handle, @channel, @here: mentions.sql.ts), committed with
 * the message: a retry or a refused send inserts none, as it inserts no
 * message. Proved by messages.int.test.ts ("sendMessage: threads and
 * mentions") and send-statement.int.test.ts ("writes the mentions of the
 * messages it inserts, and only of those").
 */
const mentioned = Prisma.sql`mentioned AS (
      INSERT INTO "Mention" ("conversationId", "messageId", "kind", "userId")
      SELECT ins."conversationId", ins."id", mention."kind", mention."userId"
      FROM inserted ins JOIN input i ON i."id" = ins."id"
      CROSS JOIN LATERAL (${mentionRows({
        conversationId: Prisma.sql`ins."conversationId"`,
        senderId: Prisma.sql`ins."senderId"`,
        handles: Prisma.sql`i."mentionHandles"`,
        mentionsChannel: Prisma.sql`i."mentionsChannel"`,
        mentionsHere: Prisma.sql`i."mentionsHere"`,
      })}
      ) mention
      ORDER BY i."ord"
    )`;

/**
 * marked: outbox rows of earlier sends, published meanwhile, marked on the way
 * (write-behind marks, bus/outbox-marks.ts): no round trip of their own under
 * a stream of sends. Proved by send-statement.int.test.ts ("marks the outbox
 * rows it is handed as published, on the way") and bus/outbox-marks.test.ts.
 */
function marked(marks: OutboxMarks | null): Prisma.Sql {
  const markedIds = (marks?.ids ?? []).map(String);
  return Prisma.sql`marked AS (
      -- By primary key only (= ANY of an array: an IN (subquery) got a hash join over the
      -- whole table in the generic plan; a "publishedAt" IS NULL test steered it onto the
      -- partial unpublished index, whose entries for marked rows stay until vacuum).
      UPDATE "Outbox" SET "publishedAt" = ${marks?.publishedAt.toISOString() ?? null}::timestamptz
      WHERE "id" = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(markedIds)}::jsonb)::bigint))
    )`;
}

/**
 * The answer: one row per message of the batch, in order, whatever happened
 * to it: the viewer row (null where the conversation does not exist), and
 * the stored seq and outbox id (null where nothing was written).
 */
const answer = Prisma.sql`
    SELECT i."ord", v."ord" IS NOT NULL AS "conversationFound",
           v."id", v."workspaceId", v."kind", v."name", v."createdById", v."archivedAt", v."lastSeq",
           v."workspaceRole", v."deactivatedAt", v."participantRole", v."lastReadSeq", v."viewerName",
           COALESCE(v."isThreadRootValid", false) AS "isThreadRootValid", ins."seq" AS "storedSeq", o."id" AS "outboxId"
    FROM input i
    LEFT JOIN viewer v ON v."ord" = i."ord"
    LEFT JOIN inserted ins ON ins."id" = i."id"
    LEFT JOIN outbox o ON o."messageId" = i."id"
    ORDER BY i."ord"`;

/**
 * The send statement for a batch (exported so a test can inspect its generic
 * plan). `mentioned` is left out of a batch that mentions nobody, most of them:
 * its INSERT and lookups cost every execution their start-up even when they
 * write nothing (measured 2-7% of a batch of 8, interleaved), so there are two
 * statements, each prepared once with its own generic plan.
 */
export function sendStatement(messages: readonly ClaimedMessage[], marks: OutboxMarks | null = null): Prisma.Sql {
  const mentionsAnyone = messages.some(({ mentions }) => hasMentionTokens(mentions));
  const fragments = [input(messages), locked, viewer, allowed, claim, next, inserted, reader, outbox, ...(mentionsAnyone ? [mentioned] : []), marked(marks)];
  return Prisma.sql`
    WITH ${Prisma.join(fragments, ", ")}${answer}`;
}
