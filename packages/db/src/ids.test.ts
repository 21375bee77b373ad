import { describe, expect, it } from "vitest";
import { createMessageIdGenerator, messageIdFloor, messageIdTime } from "./ids.ts";

describe("message ids", () => {
  it("are strictly increasing within one generator, even in one millisecond", () => {
    const gen = createMessageIdGenerator(7);
    const now = new Date("2026-03-05T10:00:00Z");
    const ids = Array.from({ length: 10_000 }, () => gen.next(now));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it("never go backwards when the clock does", () => {
    const gen = createMessageIdGenerator(1);
    const a = gen.next(new Date("2026-03-05T10:00:00Z"));
    const b = gen.next(new Date("2026-03-05T09:00:00Z"));
    expect(b > a).toBe(true);
  });

  it("encode their time, and the floor of a month bounds every id minted in it", () => {
    const gen = createMessageIdGenerator(1023);
    const at = new Date("2026-07-15T12:34:56.789Z");
    const id = gen.next(at);
    expect(messageIdTime(id).toISOString()).toBe(at.toISOString());
    expect(id >= messageIdFloor(new Date("2026-07-01T00:00:00Z"))).toBe(true);
    expect(id < messageIdFloor(new Date("2026-08-01T00:00:00Z"))).toBe(true);
  });

  it("rejects node ids out of range", () => {
    expect(() => createMessageIdGenerator(1024)).toThrow(RangeError);
    expect(() => createMessageIdGenerator(-1)).toThrow(RangeError);
  });
});
