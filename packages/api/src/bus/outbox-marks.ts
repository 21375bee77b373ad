/**
 * Marking outbox rows published is write-behind: nothing waits for it (the
 * relay only republishes rows left unmarked for seconds, and clients drop a
 * republished event by seq), so marks gather per database client and ride on
 * the next send statement (takePendingMarks, messages/send-batching.ts), or,
 * when no send comes within MARK_DELAY_MS, go in one UPDATE of their own.
 * Under a stream of sends that is no round trip at all for the marks.
 */
import type { Db } from "../core/database.ts";
import { markOutboxPublished } from "./outbox.repository.ts";

export interface OutboxMarks {
  ids: bigint[];
  publishedAt: Date;
  /** Told when the UPDATE carrying these marks fails. */
  onError: (error: unknown) => void;
}

interface PendingMarks extends OutboxMarks {
  timer: NodeJS.Timeout;
}

// Far below the relay's minimum row age (5 s), so marked rows are never relayed twice for want of a mark.
export const MARK_DELAY_MS = 50;

// Per database client: tests run several databases in one process.
const pendingByDb = new WeakMap<Db, PendingMarks>();

/** Queues the rows to be marked published; `onError` hears if their own UPDATE fails (harmless, worth a warning). */
export function markPublished(db: Db, outboxIds: readonly bigint[], publishedAt: Date, onError: (error: unknown) => void): void {
  if (outboxIds.length === 0) return;
  let pending = pendingByDb.get(db);
  if (!pending) {
    const timer = setTimeout(() => void flushMarks(db), MARK_DELAY_MS);
    // A mark lost at exit only costs a republish, which clients drop by seq.
    timer.unref();
    pending = { ids: [], publishedAt, timer, onError };
    pendingByDb.set(db, pending);
  }
  pending.ids.push(...outboxIds);
  if (publishedAt > pending.publishedAt) pending.publishedAt = publishedAt;
}

/** Hands the queued marks to a statement about to run (which applies them); null when there are none. */
export function takePendingMarks(db: Db): OutboxMarks | null {
  const pending = pendingByDb.get(db);
  if (!pending) return null;
  clearTimeout(pending.timer);
  pendingByDb.delete(db);
  return { ids: pending.ids, publishedAt: pending.publishedAt, onError: pending.onError };
}

async function flushMarks(db: Db): Promise<void> {
  const marks = takePendingMarks(db);
  if (!marks) return;
  try {
    await markOutboxPublished(db, marks.ids, marks.publishedAt);
  } catch (error) {
    marks.onError(error);
  }
}
