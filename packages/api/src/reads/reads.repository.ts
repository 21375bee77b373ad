/** The only file of reads/ that touches SQL. */
import type { Db } from "../core/database.ts";

export interface ReadPositionRow {
  lastReadSeq: bigint;
  lastSeq: bigint;
}

/** Moves the read position forward only, never past the last message; null when it did not move. */
export async function advanceReadPosition(db: Db, conversationId: string, userId: string, seq: number): Promise<ReadPositionRow | null> {
  const rows = await db.$queryRaw<ReadPositionRow[]>`
    UPDATE "Participant" p SET "lastReadSeq" = LEAST(${seq}::bigint, c."lastSeq")
    FROM "Conversation" c
    WHERE c."id" = p."conversationId" AND p."conversationId" = ${conversationId}::uuid AND p."userId" = ${userId}::uuid
      AND p."lastReadSeq" < LEAST(${seq}::bigint, c."lastSeq")
    RETURNING p."lastReadSeq", c."lastSeq"`;
  return rows[0] ?? null;
}

/** Sets the read position to just before `fromSeq` (backwards allowed); null when it did not change. */
export async function rewindReadPosition(db: Db, conversationId: string, userId: string, fromSeq: number): Promise<ReadPositionRow | null> {
  const rows = await db.$queryRaw<ReadPositionRow[]>`
    UPDATE "Participant" p SET "lastReadSeq" = LEAST(${fromSeq - 1}::bigint, c."lastSeq")
    FROM "Conversation" c
    WHERE c."id" = p."conversationId" AND p."conversationId" = ${conversationId}::uuid AND p."userId" = ${userId}::uuid
      AND p."lastReadSeq" <> LEAST(${fromSeq - 1}::bigint, c."lastSeq")
    RETURNING p."lastReadSeq", c."lastSeq"`;
  return rows[0] ?? null;
}

export async function findReadPosition(db: Db, conversationId: string, userId: string): Promise<ReadPositionRow | null> {
  const rows = await db.$queryRaw<ReadPositionRow[]>`
    SELECT p."lastReadSeq", c."lastSeq" FROM "Participant" p JOIN "Conversation" c ON c."id" = p."conversationId"
    WHERE p."conversationId" = ${conversationId}::uuid AND p."userId" = ${userId}::uuid`;
  return rows[0] ?? null;
}
