import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startSpreadSweep } from "./spread-sweep.ts";

describe("startSpreadSweep", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function recordVisits(items: Set<number>, intervalMs: number, tickMs: number) {
    const visits: { item: number; at: number }[] = [];
    const sweep = startSpreadSweep(items, (item, nowMs) => visits.push({ item, at: nowMs }), intervalMs, tickMs);
    return { visits, sweep };
  }

  it("visits every item once per interval, a slice per tick rather than all at once", () => {
    const items = new Set(Array.from({ length: 1_000 }, (_, index) => index));
    const { visits, sweep } = recordVisits(items, 1_000, 100);
    vi.advanceTimersByTime(1_000);
    expect(new Set(visits.map((visit) => visit.item)).size).toBe(1_000);
    expect(visits).toHaveLength(1_000);
    const perTick = new Map<number, number>();
    for (const visit of visits) perTick.set(visit.at, (perTick.get(visit.at) ?? 0) + 1);
    expect([...perTick.values()]).toEqual(Array(10).fill(100));

    vi.advanceTimersByTime(1_000);
    expect(visits).toHaveLength(2_000);
    // The same item's two visits are an interval apart.
    const ofItem = visits.filter((visit) => visit.item === 500).map((visit) => visit.at);
    expect(ofItem[1]! - ofItem[0]!).toBe(1_000);
    sweep.stop();
    vi.advanceTimersByTime(5_000);
    expect(visits).toHaveLength(2_000);
  });

  it("does not start the next pass before the interval, however small the set", () => {
    const { visits, sweep } = recordVisits(new Set([1]), 30_000, 100);
    vi.advanceTimersByTime(60_000);
    expect(visits.map((visit) => visit.at)).toEqual([100, 30_100]);
    sweep.stop();
  });

  it("reaches items added during a pass in that pass, and skips items removed before their turn", () => {
    const items = new Set([1, 2, 3, 4]);
    const { visits, sweep } = recordVisits(items, 400, 100);
    vi.advanceTimersByTime(100);
    items.add(5);
    items.delete(4);
    vi.advanceTimersByTime(300);
    expect(visits.map((visit) => visit.item)).toEqual([1, 2, 3, 5]);
    sweep.stop();
  });
});
