/**
 * Marks outbox rows published with group commit: while one UPDATE is in
 * flight, the rows of every send finishing meanwhile queue up and go in the
 * next UPDATE together. One sender pays one round trip as before; many
 * concurrent senders share them instead of each paying its own.
 */
import type { Db } from "../conversations/database.ts";
import { markOutboxPublished } from "./outbox.repository.ts";

interface PendingMarks {
  ids: bigint[];
  publishedAt: Date;
  done: Promise<void>;
}

interface MarkQueue {
  inFlight: Promise<void> | null;
  next: PendingMarks | null;
}

// Per database client: tests run several databases in one process.
const queues = new WeakMap<Db, MarkQueue>();

/** Resolves once the rows are marked (rejects if that UPDATE failed). */
export function markPublished(db: Db, outboxIds: readonly bigint[], publishedAt: Date): Promise<void> {
  if (outboxIds.length === 0) return Promise.resolve();
  const queue = queues.get(db) ?? { inFlight: null, next: null };
  queues.set(db, queue);
  if (!queue.inFlight) {
    queue.inFlight = runBatch(db, queue, [...outboxIds], publishedAt);
    return queue.inFlight;
  }
  if (!queue.next) {
    const inFlight = queue.inFlight;
    const pending: PendingMarks = { ids: [], publishedAt, done: Promise.resolve() };
    pending.done = inFlight.catch(() => undefined).then(() => {
      queue.next = null;
      queue.inFlight = runBatch(db, queue, pending.ids, pending.publishedAt);
      return queue.inFlight;
    });
    queue.next = pending;
  }
  queue.next.ids.push(...outboxIds);
  if (publishedAt > queue.next.publishedAt) queue.next.publishedAt = publishedAt;
  return queue.next.done;
}

async function runBatch(db: Db, queue: MarkQueue, ids: bigint[], publishedAt: Date): Promise<void> {
  try {
    await markOutboxPublished(db, ids, publishedAt);
  } finally {
    if (!queue.next) queue.inFlight = null;
  }
}
