/**
 * Marking outbox rows published is write-behind: nothing waits for it (the
 * relay only republishes rows left unmarked for seconds, and clients drop a
 * republished event by seq), so marks gather in the process's queue
 * (ServicePorts.outboxMarks, created where the app starts) and ride on the
 * next send statement (takePending, messages/send-batching.ts), or, when no
 * send comes within MARK_DELAY_MS, go in one UPDATE of their own. Under a
 * stream of sends that is no round trip at all for the marks.
 */
import type { Db } from "../core/database.ts";
import { markOutboxPublished } from "./outbox.repository.ts";

export interface OutboxMarks {
  ids: bigint[];
  publishedAt: Date;
  /** Told when the UPDATE carrying these marks fails. */
  onError: (error: unknown) => void;
}

export interface OutboxMarkQueue {
  /** Queues the rows to be marked published; `onError` hears if their own UPDATE fails (harmless, worth a warning). */
  markPublished(outboxIds: readonly bigint[], publishedAt: Date, onError: (error: unknown) => void): void;
  /** Hands the queued marks to a statement about to run (which applies them); null when there are none. */
  takePending(): OutboxMarks | null;
}

// Far below the relay's minimum row age (5 s), so marked rows are never relayed twice for want of a mark.
export const MARK_DELAY_MS = 50;

/** The marks queue of one database client (one per process; a test makes its own). */
export function createOutboxMarkQueue(db: Db): OutboxMarkQueue {
  let pending: (OutboxMarks & { timer: NodeJS.Timeout }) | null = null;

  function takePending(): OutboxMarks | null {
    if (!pending) return null;
    clearTimeout(pending.timer);
    const { ids, publishedAt, onError } = pending;
    pending = null;
    return { ids, publishedAt, onError };
  }

  async function flush(): Promise<void> {
    const marks = takePending();
    if (!marks) return;
    try {
      await markOutboxPublished(db, marks.ids, marks.publishedAt);
    } catch (error) {
      marks.onError(error);
    }
  }

  return {
    markPublished(outboxIds, publishedAt, onError) {
      if (outboxIds.length === 0) return;
      if (!pending) {
        const timer = setTimeout(() => void flush(), MARK_DELAY_MS);
        // A mark lost at exit only costs a republish, which clients drop by seq.
        timer.unref();
        pending = { ids: [], publishedAt, timer, onError };
      }
      pending.ids.push(...outboxIds);
      if (publishedAt > pending.publishedAt) pending.publishedAt = publishedAt;
    },
    takePending,
  };
}
