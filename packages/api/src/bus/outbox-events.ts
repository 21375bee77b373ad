/**
 * How a capability announces a change: its events are written to the Outbox
 * in the same transaction as the change, then published after commit
 * (publishCommitted, outbox.ts). Capabilities write through here; the
 * repository stays the bus's own.
 */
import type { Db } from "../core/database.ts";
import { insertOutboxEvents, type OutboxEntry, type OutboxEvent } from "./outbox.repository.ts";

export type { OutboxEntry, OutboxEvent } from "./outbox.repository.ts";

/** Inside the caller's transaction: the events, in order, each with its outbox id for publishCommitted. */
export function enqueueOutboxEvents(db: Db, events: readonly OutboxEvent[]): Promise<OutboxEntry[]> {
  return insertOutboxEvents(db, events);
}
