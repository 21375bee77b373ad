import { describe, expect, it } from "vitest";
import { checkUpgradeOrigin } from "./origin.ts";

const allowed = ["http://localhost:3000", "https://chat.example.com"];

describe("checkUpgradeOrigin", () => {
  it("allows the configured origins", () => {
    expect(checkUpgradeOrigin("http://localhost:3000", allowed)).toEqual({ isAllowed: true });
    expect(checkUpgradeOrigin("https://chat.example.com", allowed)).toEqual({ isAllowed: true });
  });

  it("allows non-browser clients that send no Origin", () => {
    expect(checkUpgradeOrigin(undefined, allowed)).toEqual({ isAllowed: true });
  });

  it.each([
    "null",
    "https://evil.test",
    "http://chat.example.com", // scheme differs
    "https://chat.example.com:8443", // port differs
    "https://chat.example.com.evil.test", // suffix trick
    "http://localhost:30000",
    "",
  ])("refuses %j", (origin) => {
    expect(checkUpgradeOrigin(origin, allowed).isAllowed).toBe(false);
  });
});
