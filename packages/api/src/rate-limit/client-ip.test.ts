import { describe, expect, it } from "vitest";
import { clientIpFromHeaders } from "./client-ip.ts";

const headers = (forwardedFor: string) => new Headers({ "x-forwarded-for": forwardedFor });

describe("clientIpFromHeaders", () => {
  it("ignores X-Forwarded-For unless a trusted proxy is configured", () => {
    expect(clientIpFromHeaders(headers("203.0.113.9"), { trustProxy: false })).toBeNull();
    expect(clientIpFromHeaders(headers("203.0.113.9"), { trustProxy: false, socketAddress: "10.0.0.2" })).toBe("10.0.0.2");
  });

  it("behind a trusted proxy takes the entry the proxy appended, not what the client wrote", () => {
    expect(clientIpFromHeaders(headers("1.2.3.4, 203.0.113.9"), { trustProxy: true })).toBe("203.0.113.9");
    expect(clientIpFromHeaders(headers("2001:db8::1"), { trustProxy: true })).toBe("2001:db8::1");
  });

  it("refuses values that are not IP addresses", () => {
    expect(clientIpFromHeaders(headers("203.0.113.9, not-an-ip"), { trustProxy: true })).toBeNull();
    expect(clientIpFromHeaders(new Headers(), { trustProxy: true, socketAddress: "garbage" })).toBeNull();
  });
});
