import type { BusEvent } from "@parley/protocol/events";
import type { BusHandler } from "./event-bus.ts";

/**
 * The local side every networked bus shares: handlers per topic, each
 * subscription independent, handler failures isolated from each other and
 * from the delivering connection.
 */
export class TopicHandlers {
  private readonly byTopic = new Map<string, Set<BusHandler>>();

  constructor(private readonly onHandlerError: (error: unknown, topic: string) => void) {}

  /** Adds a handler; returns its removal and whether it was the topic's first (subscribe upstream). */
  add(topic: string, handler: BusHandler): { isFirst: boolean; remove: () => boolean } {
    let handlers = this.byTopic.get(topic);
    const isFirst = !handlers;
    if (!handlers) this.byTopic.set(topic, (handlers = new Set()));
    const subscription: BusHandler = (event, eventTopic) => handler(event, eventTopic);
    handlers.add(subscription);
    return {
      isFirst,
      // True when it was the topic's last handler (unsubscribe upstream).
      remove: () => {
        const current = this.byTopic.get(topic);
        if (!current?.delete(subscription)) return false;
        if (current.size > 0) return false;
        this.byTopic.delete(topic);
        return true;
      },
    };
  }

  has(topic: string): boolean {
    return this.byTopic.has(topic);
  }

  topics(): string[] {
    return [...this.byTopic.keys()];
  }

  deliver(topic: string, event: BusEvent): void {
    for (const handler of [...(this.byTopic.get(topic) ?? [])]) {
      try {
        const result = handler(event, topic);
        if (result instanceof Promise) result.catch((error: unknown) => this.onHandlerError(error, topic));
      } catch (error) {
        this.onHandlerError(error, topic);
      }
    }
  }

  clear(): void {
    this.byTopic.clear();
  }
}

export class GapListeners {
  private readonly listeners = new Set<() => void>();

  add(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
