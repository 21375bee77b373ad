import { describe, expect, it, afterEach } from "vitest";
import type { BusEvent } from "@parley/protocol/events";
import type { EventBus } from "./event-bus.ts";

const conversationId = "6f1c1b9e-2f44-4a53-9b1e-0d7b1b7f0a01";

export function readEvent(lastReadSeq: number): BusEvent {
  return { type: "read", conversationId, lastReadSeq };
}

/** Waits until `predicate` holds, polling with a deadline (no fixed sleeps). */
export async function waitFor(predicate: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met before the deadline");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The behaviour every EventBus adapter must have. Each adapter's test file
 * calls this with a factory (in-process now, Redis later).
 */
export function describeEventBusContract(name: string, createBus: () => Promise<EventBus> | EventBus): void {
  describe(`EventBus contract: ${name}`, () => {
    const buses: EventBus[] = [];
    async function openBus(): Promise<EventBus> {
      const bus = await createBus();
      buses.push(bus);
      return bus;
    }
    afterEach(async () => {
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
    });

    it("delivers an event to every subscriber of its topic, in publish order", async () => {
      const bus = await openBus();
      const first: number[] = [];
      const second: number[] = [];
      await bus.subscribe("user:a", (event) => {
        if (event.type === "read") first.push(event.lastReadSeq);
      });
      await bus.subscribe("user:a", (event) => {
        if (event.type === "read") second.push(event.lastReadSeq);
      });
      for (let seq = 1; seq <= 5; seq += 1) await bus.publish("user:a", readEvent(seq));
      await waitFor(() => first.length === 5 && second.length === 5);
      expect(first).toEqual([1, 2, 3, 4, 5]);
      expect(second).toEqual([1, 2, 3, 4, 5]);
    });

    it("does not deliver to other topics, nor after unsubscribe", async () => {
      const bus = await openBus();
      const received: string[] = [];
      const unsubscribe = await bus.subscribe("user:a", (_event, topic) => {
        received.push(topic);
      });
      const sentinel: string[] = [];
      await bus.subscribe("user:sentinel", (_event, topic) => {
        sentinel.push(topic);
      });
      await bus.publish("user:b", readEvent(1));
      await unsubscribe();
      await bus.publish("user:a", readEvent(2));
      // The sentinel proves delivery happened after both publishes above.
      await bus.publish("user:sentinel", readEvent(3));
      await waitFor(() => sentinel.length === 1);
      expect(received).toEqual([]);
    });

    it("isolates a failing handler from the publisher and from other handlers", async () => {
      const bus = await openBus();
      const received: number[] = [];
      await bus.subscribe("user:a", () => {
        throw new Error("handler bug");
      });
      await bus.subscribe("user:a", async () => {
        throw new Error("async handler bug");
      });
      await bus.subscribe("user:a", (event) => {
        if (event.type === "read") received.push(event.lastReadSeq);
      });
      await expect(bus.publish("user:a", readEvent(7))).resolves.toBeUndefined();
      await waitFor(() => received.length === 1);
      expect(received).toEqual([7]);
    });

    it("refuses to publish once closed", async () => {
      const bus = await openBus();
      await bus.close();
      await expect(bus.publish("user:a", readEvent(1))).rejects.toThrow();
    });
  });
}
