import { pino } from "pino";
import { issueRealtimeToken } from "@parley/api/realtime/realtime-token";
import { type RealtimeServer, type RealtimeServerOptions, startRealtimeServer } from "../realtime-server.ts";

export const testSecret = "realtime-integration-test-secret-0123456789";
export const allowedOrigin = "http://localhost:3000";
export const aliceId = "6c1f8a52-1d7e-4c3b-9a0f-2b4d6e8f0a11";
export const bobId = "9e2d4b63-7a8c-4f1d-8b2e-3c5f7a9b1d22";

/** A real server on a free loopback port, quiet unless LOG_LEVEL is set. */
export function startTestServer(overrides: Partial<RealtimeServerOptions> = {}): Promise<RealtimeServer> {
  return startRealtimeServer({
    port: 0,
    host: "127.0.0.1",
    secret: testSecret,
    allowedOrigins: [allowedOrigin],
    logger: pino({ level: process.env.LOG_LEVEL ?? "silent" }),
    ...overrides,
  });
}

export function tokenFor(userId: string, now?: Date): Promise<string> {
  return issueRealtimeToken(testSecret, userId, now);
}

/** Polls `condition` until it holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
