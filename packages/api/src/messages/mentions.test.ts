import { describe, expect, it } from "vitest";
import { extractMentionTokens, mentionHandlesOf } from "./mentions.ts";

describe("extractMentionTokens", () => {
  it("finds people, @channel/@everyone and @here", () => {
    expect(extractMentionTokens("hey @Alice and @bob.smith, @channel: lunch? @here")).toEqual({
      handles: ["alice", "bob.smith"],
      mentionsChannel: true,
      mentionsHere: true,
    });
    expect(extractMentionTokens("@everyone").mentionsChannel).toBe(true);
  });

  it("drops trailing punctuation and ignores emails and code", () => {
    expect(extractMentionTokens("thanks @alice. mail bob@example.com `@decorator` ```\n@inCode\n```").handles).toEqual(["alice"]);
  });

  it("returns nothing for text without mentions", () => {
    expect(extractMentionTokens("no mentions @ all")).toEqual({ handles: [], mentionsChannel: false, mentionsHere: false });
  });
});

describe("mentionHandlesOf", () => {
  it("derives the email local part and the dotted name", () => {
    expect(mentionHandlesOf({ email: "Alice@Example.com", name: "Alice  Smith" })).toEqual(["alice", "alice.smith"]);
    expect(mentionHandlesOf({ email: "bob@example.com", name: "bob" })).toEqual(["bob"]);
  });
});
