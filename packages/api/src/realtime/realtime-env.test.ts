import { describe, expect, it } from "vitest";
import { DEVELOPMENT_REALTIME_SECRET, readRealtimeEnv } from "../env.ts";

const strongSecret = "s".repeat(32);

describe("readRealtimeEnv", () => {
  it("falls back to development defaults outside production", () => {
    expect(readRealtimeEnv({ NODE_ENV: "development" })).toEqual({
      REALTIME_SECRET: DEVELOPMENT_REALTIME_SECRET,
      PUBLIC_REALTIME_URL: "ws://localhost:3001",
    });
  });

  it("requires a secret and a public URL in production", () => {
    expect(() => readRealtimeEnv({ NODE_ENV: "production" })).toThrow(/REALTIME_SECRET is required/);
    expect(() => readRealtimeEnv({ NODE_ENV: "production", REALTIME_SECRET: strongSecret })).toThrow(/PUBLIC_REALTIME_URL is required/);
    expect(readRealtimeEnv({ NODE_ENV: "production", REALTIME_SECRET: strongSecret, PUBLIC_REALTIME_URL: "wss://chat.example.com/ws" })).toEqual({
      REALTIME_SECRET: strongSecret,
      PUBLIC_REALTIME_URL: "wss://chat.example.com/ws",
    });
  });

  it("refuses a short secret and a non-WebSocket URL", () => {
    expect(() => readRealtimeEnv({ REALTIME_SECRET: "too-short" })).toThrow(/at least 32/);
    expect(() => readRealtimeEnv({ PUBLIC_REALTIME_URL: "https://chat.example.com" })).toThrow(/ws:\/\//);
  });
});

describe("readRealtimeEnv with a copied .env.example", () => {
  it("treats empty values as unset", () => {
    expect(readRealtimeEnv({ REALTIME_SECRET: "", PUBLIC_REALTIME_URL: " " })).toEqual(readRealtimeEnv({}));
    expect(() => readRealtimeEnv({ NODE_ENV: "production", REALTIME_SECRET: "" })).toThrow(/REALTIME_SECRET is required/);
  });
});
