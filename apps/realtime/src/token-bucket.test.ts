import { describe, expect, it } from "vitest";
import { createTokenBucket } from "./token-bucket.ts";

function fakeClock() {
  let now = 1_000;
  return { nowMs: () => now, advance: (ms: number) => (now += ms) };
}

describe("token bucket", () => {
  it("allows a burst, then refuses until tokens refill", () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ burst: 3, refillPerSecond: 2, nowMs: clock.nowMs });
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    clock.advance(499);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  it("never holds more than the burst, however long it idles", () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ burst: 2, refillPerSecond: 10, nowMs: clock.nowMs });
    clock.advance(60_000);
    expect(bucket.available()).toBe(2);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
  });

  it("ignores a clock that steps backwards", () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ burst: 1, refillPerSecond: 1, nowMs: clock.nowMs });
    expect(bucket.tryTake()).toBe(true);
    clock.advance(-5_000);
    expect(bucket.tryTake()).toBe(false);
  });

  it("refuses nonsense sizes", () => {
    expect(() => createTokenBucket({ burst: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => createTokenBucket({ burst: 1, refillPerSecond: -1 })).toThrow(RangeError);
  });
});
