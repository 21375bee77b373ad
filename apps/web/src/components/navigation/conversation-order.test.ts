import { describe, expect, it } from "vitest";
import { adjacentConversation, filterConversations, fuzzyScore } from "./conversation-order.ts";

const item = (id: string, label: string, unreadCount = 0) => ({ id, label, unreadCount });
const items = [item("a", "design-engineering"), item("b", "general", 3), item("c", "random"), item("d", "Bob Stone", 1), item("e", "Carol")];

describe("fuzzyScore / filterConversations", () => {
  it("puts prefix matches first, then substrings, then subsequences", () => {
    expect(filterConversations(items, "gen").map((c) => c.id)).toEqual(["b", "a"]);
    expect(filterConversations(items, "#ran").map((c) => c.id)).toEqual(["c"]);
    expect(filterConversations(items, "dseng").map((c) => c.id)).toEqual(["a"]);
    expect(filterConversations(items, "bs").map((c) => c.id)).toEqual(["d"]);
  });

  it("keeps everything in order for an empty query and nothing for a non-match", () => {
    expect(filterConversations(items, "  ").map((c) => c.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(filterConversations(items, "zzz")).toEqual([]);
    expect(fuzzyScore("general", "lareneg")).toBeNull();
  });
});

describe("adjacentConversation", () => {
  it("moves to the next and previous conversation, wrapping around", () => {
    expect(adjacentConversation(items, "b", 1, false)?.id).toBe("c");
    expect(adjacentConversation(items, "b", -1, false)?.id).toBe("a");
    expect(adjacentConversation(items, "e", 1, false)?.id).toBe("a");
    expect(adjacentConversation(items, "a", -1, false)?.id).toBe("e");
  });

  it("skips read conversations when asked for unread only, and never returns the active one", () => {
    expect(adjacentConversation(items, "b", 1, true)?.id).toBe("d");
    expect(adjacentConversation(items, "d", 1, true)?.id).toBe("b");
    expect(adjacentConversation([item("x", "x", 5)], "x", 1, true)).toBeNull();
    expect(adjacentConversation([item("x", "x"), item("y", "y")], "x", 1, true)).toBeNull();
  });

  it("starts at the ends when nothing is active", () => {
    expect(adjacentConversation(items, undefined, 1, false)?.id).toBe("a");
    expect(adjacentConversation(items, undefined, -1, false)?.id).toBe("e");
    expect(adjacentConversation([], "a", 1, false)).toBeNull();
  });
});
