import type { BusEvent } from "@parley/protocol/events";

export type BusHandler = (event: BusEvent, topic: string) => void | Promise<void>;
export type Unsubscribe = () => Promise<void>;

/**
 * Topic-based pub/sub between the services that commit changes and the
 * realtime nodes that deliver them. Delivery is at-most-once (Postgres plus
 * seq-based resync is the guarantee), so:
 * - `publish` may reject (broker down); callers publish only after commit and
 *   log the failure; the outbox relay republishes later;
 * - a handler's failure never reaches the publisher or other handlers;
 * - `subscribe` resolves once the subscription is live (Redis SUBSCRIBE ack).
 * Implementations: in-process (single node), Redis pub/sub (multi-node).
 */
export interface EventBus {
  publish(topic: string, event: BusEvent): Promise<void>;
  subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe>;
  /**
   * Events may have been missed (the broker connection dropped and came
   * back); subscriptions are live again when the listener runs. The realtime
   * server answers with `resync` to every socket. In-process never fires.
   */
  onDeliveryGap(listener: () => void): () => void;
  close(): Promise<void>;
}
