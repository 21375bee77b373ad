import { databaseForThisFile } from "@parley/db/testing/database";
import { describe, expect, it } from "vitest";
import { readRealtimeEnv } from "../env.ts";
import { trpcAs } from "../testing/callers.ts";
import { verifyRealtimeToken } from "./realtime-token.ts";

const aliceId = "3b0c5f7e-8d1a-4e2b-9c3d-5f6a7b8c9d01";
const database = databaseForThisFile();

describe("realtime.token", () => {
  it("gives a signed-in user a token for their own id and the socket URL", async () => {
    const caller = trpcAs(database.prisma, { userId: aliceId }).realtime;
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
    const caller = trpcAs(database.prisma, null).realtime;
    await expect(caller.token()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a cross-site request even with a session", async () => {
    const caller = trpcAs(database.prisma, { userId: aliceId }, { origin: "https://evil.test" }).realtime;
    await expect(caller.token()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
