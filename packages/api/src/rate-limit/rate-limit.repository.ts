/**
 * Fixed-window counters in "RateLimitBucket": one row per key, shared by every
 * web node. The upsert is a single statement, so concurrent hits on one key
 * serialize on the row lock and each sees a distinct count.
 */
import type { PrismaClient } from "@parley/db/client";

export interface BucketCount {
  count: number;
  resetAt: Date;
}

/** Counts one hit; starts a new window when the stored one has ended. */
export async function incrementBucket(db: PrismaClient, key: string, now: Date, windowMs: number): Promise<BucketCount> {
  const resetAt = new Date(now.getTime() + windowMs);
  const rows = await db.$queryRaw<Array<{ count: number; resetAt: Date }>>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt")
    VALUES (${key}, 1, ${resetAt}::timestamptz)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now}::timestamptz THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now}::timestamptz THEN EXCLUDED."resetAt" ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0];
  if (!row) throw new Error("rate-limit upsert returned no row");
  return { count: Number(row.count), resetAt: new Date(row.resetAt) };
}

/** Takes back one hit of the current window (never below zero). */
export async function decrementBucket(db: PrismaClient, key: string, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0)
    WHERE "key" = ${key} AND "resetAt" > ${now}::timestamptz`;
}

/** Drops windows that ended before `before`; they would restart at 1 anyway. */
export async function deleteBucketsEndedBefore(db: PrismaClient, before: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "resetAt" < ${before}::timestamptz`;
}
