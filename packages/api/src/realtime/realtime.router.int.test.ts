import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiContext } from "../context.ts";
import { readRealtimeEnv } from "../env.ts";
import { appOrigin, createCallerFactory } from "../trpc.ts";
import { verifyRealtimeToken } from "./realtime-token.ts";
import { realtimeRouter } from "./realtime.router.ts";

const createCaller = createCallerFactory(realtimeRouter);
const aliceId = "3b0c5f7e-8d1a-4e2b-9c3d-5f6a7b8c9d01";
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe("realtime.token", () => {
  it("gives a signed-in user a token for their own id and the socket URL", async () => {
    const caller = createCaller(createApiContext({ db: database.prisma, actor: { userId: aliceId }, origin: appOrigin() }));
    const before = Date.now();
    const result = await caller.token();

    const { REALTIME_SECRET, PUBLIC_REALTIME_URL } = readRealtimeEnv();
    await expect(verifyRealtimeToken(REALTIME_SECRET, result.token)).resolves.toEqual({ userId: aliceId });
    expect(result.url).toBe(PUBLIC_REALTIME_URL);
    const expiresInMs = new Date(result.expiresAt).getTime() - before;
    expect(expiresInMs).toBeGreaterThan(290_000);
    expect(expiresInMs).toBeLessThanOrEqual(300_000);
  });

  it("refuses anonymous callers", async () => {
    const caller = createCaller(createApiContext({ db: database.prisma, actor: null, origin: appOrigin() }));
    await expect(caller.token()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a cross-site request even with a session", async () => {
    const caller = createCaller(createApiContext({ db: database.prisma, actor: { userId: aliceId }, origin: "https://evil.test" }));
    await expect(caller.token()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
