import { describe, expect, it } from "vitest";
import { typingText } from "./TypingIndicator.tsx";

describe("typingText", () => {
  it("names one or two people and summarizes more", () => {
    expect(typingText([])).toBe("");
    expect(typingText(["Ana"])).toBe("Ana is typing…");
    expect(typingText(["Ana", "Bo"])).toBe("Ana and Bo are typing…");
    expect(typingText(["Ana", "Bo", "Cy"])).toBe("Several people are typing…");
  });
});
