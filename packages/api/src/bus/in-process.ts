import type { BusEvent } from "@parley/protocol/events";
import type { BusHandler, EventBus, Unsubscribe } from "./event-bus.ts";

export interface InProcessBusOptions {
  /** Called when a handler throws or rejects; the publisher never sees it. */
  onHandlerError?: (error: unknown, topic: string) => void;
}

/**
 * The single-node bus: handlers run in this process. Delivery is deferred to a
 * microtask so publishers behave as they would over a network (no handler runs
 * inside the publisher's call stack, e.g. inside a transaction callback).
 */
export function createInProcessBus(options: InProcessBusOptions = {}): EventBus {
  const handlersByTopic = new Map<string, Set<BusHandler>>();
  let isClosed = false;

  function deliver(topic: string, event: BusEvent, handler: BusHandler): void {
    try {
      const result = handler(event, topic);
      if (result instanceof Promise) result.catch((error: unknown) => options.onHandlerError?.(error, topic));
    } catch (error) {
      options.onHandlerError?.(error, topic);
    }
  }

  return {
    async publish(topic, event) {
      if (isClosed) throw new Error("event bus is closed");
      const handlers = handlersByTopic.get(topic);
      if (!handlers || handlers.size === 0) return;
      // Snapshot: a handler that unsubscribes (or subscribes) mid-delivery
      // does not change who receives this event.
      const snapshot = [...handlers];
      queueMicrotask(() => {
        for (const handler of snapshot) deliver(topic, event, handler);
      });
    },

    async subscribe(topic, handler): Promise<Unsubscribe> {
      if (isClosed) throw new Error("event bus is closed");
      let handlers = handlersByTopic.get(topic);
      if (!handlers) {
        handlers = new Set();
        handlersByTopic.set(topic, handlers);
      }
      // Wrap so subscribing the same function twice yields two independent subscriptions.
      const subscription: BusHandler = (event, eventTopic) => handler(event, eventTopic);
      handlers.add(subscription);
      return async () => {
        const current = handlersByTopic.get(topic);
        if (!current) return;
        current.delete(subscription);
        if (current.size === 0) handlersByTopic.delete(topic);
      };
    },

    // Nothing between publisher and subscriber can drop: no gaps to announce.
    onDeliveryGap: () => () => undefined,

    async close() {
      isClosed = true;
      handlersByTopic.clear();
    },
  };
}
