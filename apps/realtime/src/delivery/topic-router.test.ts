import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import pino from "pino";
import type { EventBus } from "@parley/api/bus/event-bus";
import { TopicRouter } from "./topic-router.ts";

/** A bus that counts subscribe/unsubscribe calls per topic. */
function countingBus() {
  const calls: string[] = [];
  const bus = {
    subscribe: async (topic: string) => {
      calls.push(`subscribe ${topic}`);
      return async () => void calls.push(`unsubscribe ${topic}`);
    },
  } as unknown as EventBus;
  return { bus, calls };
}

const member = (userId: string) => ({ userId });
const logger = pino({ level: "silent" });

describe("TopicRouter: a topic left empty lingers", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps the subscription when a member comes back within the linger, and ends it after", async () => {
    const { bus, calls } = countingBus();
    const router = new TopicRouter(bus, () => undefined, logger, 1_000);
    const first = member("u1");
    await router.join("conv:a", first);
    router.leave("conv:a", first);
    await vi.advanceTimersByTimeAsync(999);
    const again = member("u1");
    await router.join("conv:a", again);
    expect(calls).toEqual(["subscribe conv:a"]);

    router.leave("conv:a", again);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual(["subscribe conv:a", "unsubscribe conv:a"]);
    expect(router.topicCount()).toBe(0);
    // A later join subscribes afresh.
    await router.join("conv:a", member("u2"));
    expect(calls).toEqual(["subscribe conv:a", "unsubscribe conv:a", "subscribe conv:a"]);
  });

  it("ends lingering and live subscriptions at once on close, and at once on leave without a linger", async () => {
    const { bus, calls } = countingBus();
    const router = new TopicRouter(bus, () => undefined, logger, 0);
    const someone = member("u1");
    await router.join("conv:b", someone);
    router.leave("conv:b", someone);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(["subscribe conv:b", "unsubscribe conv:b"]);

    const lingering = new TopicRouter(bus, () => undefined, logger, 60_000);
    const other = member("u2");
    await lingering.join("conv:c", other);
    await lingering.join("conv:d", member("u3"));
    lingering.leave("conv:c", other);
    lingering.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.slice(2).sort()).toEqual(["subscribe conv:c", "subscribe conv:d", "unsubscribe conv:c", "unsubscribe conv:d"]);
    expect(lingering.topicCount()).toBe(0);
  });
});
