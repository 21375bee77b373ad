import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearTypist, getTypists, noteTyping, subscribeTyping, TYPING_EXPIRY_MS } from "./typing-store.ts";

const conversation = "5a1b2c3d-0000-4000-8000-000000000009";
const ana = "5a1b2c3d-0000-4000-8000-0000000000a1";
const bo = "5a1b2c3d-0000-4000-8000-0000000000b2";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("typing store", () => {
  it("lists typists until their signal lapses, renewed by each repeat", () => {
    let notifications = 0;
    const unsubscribe = subscribeTyping(() => (notifications += 1));
    noteTyping(conversation, ana, "Ana");
    noteTyping(conversation, bo, "Bo");
    expect(getTypists(conversation).map((typist) => typist.name)).toEqual(["Ana", "Bo"]);

    vi.advanceTimersByTime(TYPING_EXPIRY_MS - 1_000);
    noteTyping(conversation, ana, "Ana"); // still typing: renewed, no re-render
    vi.advanceTimersByTime(1_500);
    expect(getTypists(conversation).map((typist) => typist.name)).toEqual(["Ana"]);
    vi.advanceTimersByTime(TYPING_EXPIRY_MS);
    expect(getTypists(conversation)).toEqual([]);
    expect(notifications).toBe(4);
    unsubscribe();
  });

  it("drops a typist at once when their message arrives, and keeps snapshots stable otherwise", () => {
    noteTyping(conversation, ana, "Ana");
    const before = getTypists(conversation);
    expect(getTypists(conversation)).toBe(before);
    clearTypist(conversation, ana);
    expect(getTypists(conversation)).toEqual([]);
    clearTypist(conversation, ana);
    expect(getTypists("5a1b2c3d-0000-4000-8000-00000000ffff")).toEqual([]);
  });
});
