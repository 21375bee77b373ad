/** The Outbox table: events written in the same transaction as the change they announce. */
import type { BusEvent } from "@parley/protocol/events";
import type { Db } from "../core/database.ts";

export interface OutboxEvent {
  topic: string;
  event: BusEvent;
}

export interface OutboxEntry extends OutboxEvent {
  outboxId: bigint;
}

export async function insertOutboxEvents(db: Db, events: readonly OutboxEvent[]): Promise<OutboxEntry[]> {
  if (events.length === 0) return [];
  const topics = events.map((entry) => entry.topic);
  const payloads = events.map((entry) => JSON.stringify(entry.event));
  const rows = await db.$queryRaw<{ id: bigint; ordinality: bigint }[]>`
    INSERT INTO "Outbox" ("topic", "payload")
    SELECT entry.topic, entry.payload::jsonb
    FROM unnest(${topics}::text[], ${payloads}::text[]) WITH ORDINALITY AS entry(topic, payload, ordinality)
    ORDER BY entry.ordinality
    RETURNING "id"`;
  // RETURNING follows insertion order, which follows ORDER BY ordinality.
  return events.map((entry, index) => {
    const row = rows[index];
    if (!row) throw new Error("outbox insert returned fewer rows than events");
    return { ...entry, outboxId: row.id };
  });
}

export async function markOutboxPublished(db: Db, outboxIds: readonly bigint[], publishedAt: Date): Promise<void> {
  if (outboxIds.length === 0) return;
  const ids = outboxIds.map((id) => id.toString());
  await db.$executeRaw`UPDATE "Outbox" SET "publishedAt" = ${publishedAt} WHERE "id" = ANY(${ids}::bigint[])`;
}

export interface UnpublishedOutboxRow {
  id: bigint;
  topic: string;
  payload: unknown;
}

/**
 * Locks a batch of rows left unpublished for at least `minAgeMs`, oldest
 * first. SKIP LOCKED lets several relays run without publishing a row twice
 * at the same time (a duplicate is still possible after a crash; clients drop
 * duplicates by seq).
 */
export async function lockUnpublishedOutbox(db: Db, minAgeMs: number, limit: number): Promise<UnpublishedOutboxRow[]> {
  // Ages are measured on the database clock, which also stamped createdAt: a
  // skewed application clock can neither hide rows nor republish fresh ones.
  return db.$queryRaw<UnpublishedOutboxRow[]>`
    SELECT "id", "topic", "payload" FROM "Outbox"
    WHERE "publishedAt" IS NULL AND "createdAt" <= now() - make_interval(secs => ${minAgeMs / 1000})
    ORDER BY "id"
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`;
}

/**
 * Deletes up to `limit` rows published at least `minAgeMs` ago (database
 * clock), oldest first; returns how many. A published row is never read
 * again (the bus carries the event, clients resync from "Message"), and
 * without this the table grew by one row per event forever. SKIP LOCKED:
 * every node's relay prunes, none waits for another.
 */
export async function deletePublishedOutbox(db: Db, minAgeMs: number, limit: number): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "Outbox" WHERE "id" = ANY(ARRAY(
      SELECT "id" FROM "Outbox"
      WHERE "publishedAt" <= now() - make_interval(secs => ${minAgeMs / 1000})
      ORDER BY "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED))`;
}
