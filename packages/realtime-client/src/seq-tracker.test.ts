import { describe, expect, it } from "vitest";
import { reconnectDelayMs } from "./backoff.ts";
import { SeqTracker } from "./seq-tracker.ts";

const conversation = "3f1b2c4d-0000-4000-8000-000000000001";

describe("SeqTracker", () => {
  it("accepts the first seq of an unknown conversation, then only the next one", () => {
    const tracker = new SeqTracker();
    expect(tracker.classify(conversation, 7)).toBe("next");
    tracker.advance(conversation, 7);
    expect(tracker.classify(conversation, 8)).toBe("next");
    expect(tracker.classify(conversation, 7)).toBe("duplicate");
    expect(tracker.classify(conversation, 3)).toBe("duplicate");
    expect(tracker.classify(conversation, 10)).toBe("gap");
  });

  it("never moves a known position backwards", () => {
    const tracker = new SeqTracker();
    tracker.know(conversation, 20);
    tracker.know(conversation, 5);
    expect(tracker.lastSeq(conversation)).toBe(20);
    tracker.forget(conversation);
    expect(tracker.lastSeq(conversation)).toBeUndefined();
    expect(tracker.conversations()).toEqual([]);
  });
});

describe("reconnectDelayMs", () => {
  it("grows exponentially up to the cap with full jitter", () => {
    const top = { initialMs: 100, maxMs: 1_000, random: () => 0.999999 };
    expect([0, 1, 2, 3, 4, 10].map((attempt) => reconnectDelayMs(attempt, top))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    const bottom = { initialMs: 100, maxMs: 1_000, random: () => 0 };
    expect(reconnectDelayMs(5, bottom)).toBe(10);
  });

  it("spreads clients over the window", () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelayMs(4, { initialMs: 500, maxMs: 30_000 })));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(8_000);
  });
});
