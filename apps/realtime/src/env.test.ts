import { DEVELOPMENT_REALTIME_SECRET } from "@parley/api/env";
import { describe, expect, it } from "vitest";
import { readRealtimeServiceEnv } from "./env.ts";

describe("readRealtimeServiceEnv", () => {
  it("has development defaults", () => {
    expect(readRealtimeServiceEnv({})).toEqual({
      isProduction: false,
      port: 3001,
      host: "0.0.0.0",
      logLevel: "info",
      realtimeSecret: DEVELOPMENT_REALTIME_SECRET,
      allowedOrigins: ["http://localhost:3000"],
      databaseUrl: undefined,
    });
  });

  it("normalizes the allowed origins and defaults them to APP_URL", () => {
    expect(readRealtimeServiceEnv({ ALLOWED_ORIGINS: " https://Chat.Example.com/ , http://localhost:3000/app" }).allowedOrigins).toEqual([
      "https://chat.example.com",
      "http://localhost:3000",
    ]);
    expect(readRealtimeServiceEnv({ APP_URL: "https://chat.example.com:8443/" }).allowedOrigins).toEqual(["https://chat.example.com:8443"]);
  });

  it("refuses origins that are not http(s)", () => {
    expect(() => readRealtimeServiceEnv({ ALLOWED_ORIGINS: "*" })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => readRealtimeServiceEnv({ ALLOWED_ORIGINS: "javascript:alert(1)" })).toThrow(/ALLOWED_ORIGINS/);
  });

  it("requires a real secret in production", () => {
    expect(() => readRealtimeServiceEnv({ NODE_ENV: "production" })).toThrow(/REALTIME_SECRET is required/);
    expect(() => readRealtimeServiceEnv({ REALTIME_SECRET: "short" })).toThrow(/at least 32/);
    expect(readRealtimeServiceEnv({ NODE_ENV: "production", REALTIME_SECRET: "p".repeat(40), PORT: "4000" })).toMatchObject({
      isProduction: true,
      realtimeSecret: "p".repeat(40),
      port: 4000,
    });
  });

  it("treats empty values (a copied .env.example) as unset", () => {
    expect(readRealtimeServiceEnv({ PORT: "", HOST: "", REALTIME_SECRET: "", ALLOWED_ORIGINS: "", APP_URL: "", DATABASE_URL: "" })).toEqual(readRealtimeServiceEnv({}));
  });
});
