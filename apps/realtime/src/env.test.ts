import { DEVELOPMENT_REALTIME_SECRET } from "@parley/api/env";
import { describe, expect, it } from "vitest";
import { readRealtimeServiceEnv } from "./env.ts";

const databaseUrl = "postgres://parley@localhost:5432/parley";

/** The environment under test plus the one setting with no default. */
function read(env: NodeJS.ProcessEnv) {
  return readRealtimeServiceEnv({ DATABASE_URL: databaseUrl, ...env });
}

describe("readRealtimeServiceEnv", () => {
  it("has development defaults", () => {
    expect(read({})).toEqual({
      isProduction: false,
      port: 3001,
      host: "127.0.0.1",
      logLevel: "info",
      realtimeSecret: DEVELOPMENT_REALTIME_SECRET,
      allowedOrigins: ["http://localhost:3000"],
      databaseUrl,
      redisUrl: undefined,
    });
  });

  it("requires DATABASE_URL", () => {
    expect(() => readRealtimeServiceEnv({})).toThrow(/DATABASE_URL is required/);
    expect(read({ REDIS_URL: "redis://127.0.0.1:6379" }).redisUrl).toBe("redis://127.0.0.1:6379");
  });

  it("normalizes the allowed origins and defaults them to APP_URL", () => {
    expect(read({ ALLOWED_ORIGINS: " https://Chat.Example.com/ , http://localhost:3000/app" }).allowedOrigins).toEqual([
      "https://chat.example.com",
      "http://localhost:3000",
    ]);
    expect(read({ APP_URL: "https://chat.example.com:8443/" }).allowedOrigins).toEqual(["https://chat.example.com:8443"]);
  });

  it("refuses origins that are not http(s)", () => {
    expect(() => read({ ALLOWED_ORIGINS: "*" })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => read({ ALLOWED_ORIGINS: "javascript:alert(1)" })).toThrow(/ALLOWED_ORIGINS/);
  });

  it("requires a real secret in production", () => {
    expect(() => read({ NODE_ENV: "production" })).toThrow(/REALTIME_SECRET is required/);
    expect(() => read({ REALTIME_SECRET: "short" })).toThrow(/at least 32/);
    expect(read({ NODE_ENV: "production", REALTIME_SECRET: "p".repeat(40), PORT: "4000" })).toMatchObject({
      isProduction: true,
      realtimeSecret: "p".repeat(40),
      port: 4000,
    });
  });

  it("treats empty values (a copied .env.example) as unset", () => {
    expect(read({ PORT: "", HOST: "", REALTIME_SECRET: "", ALLOWED_ORIGINS: "", APP_URL: "", REDIS_URL: "" })).toEqual(read({}));
  });
});
