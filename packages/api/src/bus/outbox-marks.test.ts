import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../core/database.ts";
import { createOutboxMarkQueue, MARK_DELAY_MS } from "./outbox-marks.ts";

/** A Db that records each UPDATE's ids, and fails when told to. */
function fakeDb(failWith: Error | null = null) {
  const updates: string[][] = [];
  const db = {
    $executeRaw: async (_strings: TemplateStringsArray, _publishedAt: Date, ids: string[]) => {
      updates.push(ids);
      if (failWith) throw failWith;
      return ids.length;
    },
  };
  return { marks: createOutboxMarkQueue(db as unknown as Db), updates };
}

const ignore = () => undefined;

describe("the outbox mark queue (write-behind)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("gathers the marks of MARK_DELAY_MS into one UPDATE of their own when no statement takes them", async () => {
    const { marks, updates } = fakeDb();
    marks.markPublished([1n, 2n], new Date(), ignore);
    marks.markPublished([3n], new Date(), ignore);
    await vi.advanceTimersByTimeAsync(MARK_DELAY_MS - 1);
    expect(updates).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(updates).toEqual([["1", "2", "3"]]);
    // The next marks start a new round.
    marks.markPublished([4n], new Date(), ignore);
    await vi.advanceTimersByTimeAsync(MARK_DELAY_MS);
    expect(updates).toEqual([["1", "2", "3"], ["4"]]);
  });

  it("hands the queued marks, with the latest time, to a statement that takes them; then they are not sent again", async () => {
    const { marks, updates } = fakeDb();
    marks.markPublished([1n], new Date("2026-12-02T10:00:00Z"), ignore);
    marks.markPublished([2n], new Date("2026-12-02T10:00:01Z"), ignore);
    expect(marks.takePending()).toMatchObject({ ids: [1n, 2n], publishedAt: new Date("2026-12-02T10:00:01Z") });
    expect(marks.takePending()).toBeNull();
    await vi.advanceTimersByTimeAsync(MARK_DELAY_MS * 2);
    expect(updates).toEqual([]);
  });

  it("tells the caller when their UPDATE fails", async () => {
    const { marks } = fakeDb(new Error("connection lost"));
    const onError = vi.fn();
    marks.markPublished([1n], new Date(), onError);
    await vi.advanceTimersByTimeAsync(MARK_DELAY_MS);
    expect(onError).toHaveBeenCalledWith(new Error("connection lost"));
  });

  it("ignores an empty set of rows", async () => {
    const { marks, updates } = fakeDb();
    marks.markPublished([], new Date(), ignore);
    expect(marks.takePending()).toBeNull();
    await vi.advanceTimersByTimeAsync(MARK_DELAY_MS);
    expect(updates).toEqual([]);
  });
});
