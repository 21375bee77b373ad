import type { BusEvent } from "@parley/protocol/events";
import type { EventBus } from "./event-bus.ts";

export interface PublishedEvent {
  topic: string;
  event: BusEvent;
}

export interface RecordingBus extends EventBus {
  /** Every successful publish, in order. */
  readonly published: PublishedEvent[];
}

export interface RecordingBusOptions {
  /** Runs before each publish is forwarded (tests use it to look at the database at that moment). */
  beforePublish?: (topic: string, event: BusEvent) => void | Promise<void>;
  /** When it returns an error, the publish rejects with it instead of forwarding (a broker outage). */
  failWith?: (topic: string, event: BusEvent) => Error | null;
}

/** Decorates a real bus and keeps a log of what was published: tests assert on it. */
export function createRecordingBus(inner: EventBus, options: RecordingBusOptions = {}): RecordingBus {
  const published: PublishedEvent[] = [];
  return {
    published,
    async publish(topic, event) {
      await options.beforePublish?.(topic, event);
      const failure = options.failWith?.(topic, event);
      if (failure) throw failure;
      await inner.publish(topic, event);
      published.push({ topic, event });
    },
    subscribe: (topic, handler) => inner.subscribe(topic, handler),
    onDeliveryGap: (listener) => inner.onDeliveryGap(listener),
    close: () => inner.close(),
  };
}
