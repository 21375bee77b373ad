import { describe, expect, it } from "vitest";
import { listenHost, reachableHost } from "./listen-address.ts";

describe("listenHost", () => {
  it("is loopback unless HOST is set (empty counts as unset, as in a copied .env.example)", () => {
    expect(listenHost({})).toBe("127.0.0.1");
    expect(listenHost({ HOST: "" })).toBe("127.0.0.1");
    expect(listenHost({ HOST: " 0.0.0.0 " })).toBe("0.0.0.0");
  });
});

describe("reachableHost", () => {
  it("reaches wildcard listeners through loopback and brackets IPv6 addresses", () => {
    expect(reachableHost("0.0.0.0")).toBe("127.0.0.1");
    expect(reachableHost("::")).toBe("[::1]");
    expect(reachableHost("::1")).toBe("[::1]");
    expect(reachableHost("127.0.0.1")).toBe("127.0.0.1");
    expect(reachableHost("192.0.2.7")).toBe("192.0.2.7");
  });
});
