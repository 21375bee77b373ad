import { busEventSchema } from "@parley/protocol/events";
import { runInTransaction } from "../core/database.ts";
import type { ServicePorts } from "../ports.ts";
import { deletePublishedOutbox, lockUnpublishedOutbox, markOutboxPublished, type OutboxEntry } from "./outbox.repository.ts";

/**
 * Publishes events whose transaction has committed, then queues the marks of
 * their outbox rows (write-behind: ports.outboxMarks, outbox-marks.ts). Never throws: the change is already durable, a failed
 * publish only delays delivery until the relay (or a client resync) catches up.
 */
export async function publishCommitted(ports: ServicePorts, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const publishedIds: bigint[] = [];
  for (const entry of entries) {
    try {
      await ports.bus.publish(entry.topic, entry.event);
      publishedIds.push(entry.outboxId);
    } catch (error) {
      ports.logger.warn({ err: error, topic: entry.topic, outboxId: entry.outboxId.toString() }, "publish failed; the outbox relay will retry");
    }
  }
  ports.outboxMarks.markPublished(publishedIds, ports.clock.now(), (error) => {
    // Harmless: the relay publishes the rows again and clients drop duplicates by seq.
    ports.logger.warn({ err: error }, "could not mark outbox rows published");
  });
}

export interface RelayOptions {
  /** Rows younger than this are left to the publisher that wrote them. */
  minAgeMs?: number;
  batchSize?: number;
  /** Published rows are kept this long (for whoever inspects the table), then deleted. */
  retainPublishedMs?: number;
  /** At most this many published rows are deleted per round. */
  pruneBatchSize?: number;
}

const PUBLISHED_RETENTION_MS = 60 * 60_000;
// Per relay round (every 2 s): 2,500 rows/s, more than the sends a node takes.
const PRUNE_BATCH_SIZE = 5_000;

/** Deletes rows published more than `retainPublishedMs` ago, at most `pruneBatchSize` per call. Returns how many. */
export async function prunePublishedOutbox(ports: ServicePorts, options: RelayOptions = {}): Promise<number> {
  return deletePublishedOutbox(ports.db, options.retainPublishedMs ?? PUBLISHED_RETENTION_MS, options.pruneBatchSize ?? PRUNE_BATCH_SIZE);
}

/**
 * Republishes outbox rows that stayed unpublished (the process died between
 * COMMIT and PUBLISH, or the broker was down). Returns how many it published.
 */
export async function relayOutbox(ports: ServicePorts, options: RelayOptions = {}): Promise<number> {
  const minAgeMs = options.minAgeMs ?? 5_000;
  const batchSize = options.batchSize ?? 200;
  return runInTransaction(ports.db, async (tx) => {
    const now = ports.clock.now();
    const rows = await lockUnpublishedOutbox(tx, minAgeMs, batchSize);
    const doneIds: bigint[] = [];
    let publishedCount = 0;
    for (const row of rows) {
      const parsed = busEventSchema.safeParse(row.payload);
      if (!parsed.success) {
        // A row no client could use; mark it so it does not block the queue forever.
        ports.logger.error({ outboxId: row.id.toString(), topic: row.topic }, "outbox row does not match the event schema; skipped");
        doneIds.push(row.id);
        continue;
      }
      try {
        await ports.bus.publish(row.topic, parsed.data);
        doneIds.push(row.id);
        publishedCount += 1;
      } catch (error) {
        ports.logger.warn({ err: error, outboxId: row.id.toString() }, "relay publish failed; will retry");
        break; // the broker is likely down: keep order, try the rest next round
      }
    }
    await markOutboxPublished(tx, doneIds, now);
    return publishedCount;
  });
}

/** Runs the relay, then the pruning of published rows, every `intervalMs` until stopped. */
export function startOutboxRelay(ports: ServicePorts, intervalMs = 2_000, options: RelayOptions = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      await relayOutbox(ports, options).catch((error: unknown) => ports.logger.warn({ err: error }, "outbox relay round failed"));
      await prunePublishedOutbox(ports, options).catch((error: unknown) => ports.logger.warn({ err: error }, "outbox pruning failed"));
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
