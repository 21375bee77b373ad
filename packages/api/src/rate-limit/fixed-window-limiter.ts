/**
 * Fixed-window rate limits that hold across web nodes (Postgres), with an
 * in-memory window per process as insurance when the database call fails —
 * a brute-force attempt must not get unlimited tries because Postgres is slow.
 */
import type { PrismaClient } from "@parley/db/client";
import type { Logger } from "../logger.ts";
import { decrementBucket, deleteBucketsEndedBefore, incrementBucket, type BucketCount } from "./rate-limit.repository.ts";

export interface FixedWindowRule {
  /** Hits allowed per window; the (limit + 1)th is over. */
  limit: number;
  windowMs: number;
}

export interface WindowHit extends BucketCount {
  isOverLimit: boolean;
}

export interface FixedWindowLimiter {
  readonly rule: FixedWindowRule;
  /** Counts one hit for `key`. */
  hit(key: string, now: Date): Promise<WindowHit>;
  /** Gives back one hit (an attempt that turned out not to count). */
  refund(key: string, now: Date): Promise<void>;
}

const PRUNE_EVERY_MS = 10 * 60_000;
const MAX_IN_MEMORY_KEYS = 50_000;

/** Per-process windows: the fallback, and a limiter on its own in unit tests. */
export function createInMemoryFixedWindowLimiter(rule: FixedWindowRule): FixedWindowLimiter {
  const windows = new Map<string, BucketCount>();

  function dropEnded(now: Date): void {
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
  }

  return {
    rule,
    async hit(key, now) {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (windows.size >= MAX_IN_MEMORY_KEYS) dropEnded(now);
        window = { count: 0, resetAt: new Date(now.getTime() + rule.windowMs) };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetAt: window.resetAt, isOverLimit: window.count > rule.limit };
    },
    async refund(key, now) {
      const window = windows.get(key);
      if (window && window.resetAt > now) window.count = Math.max(0, window.count - 1);
    },
  };
}

export interface PostgresLimiterOptions {
  db: PrismaClient;
  rule: FixedWindowRule;
  logger: Logger;
}

export function createPostgresFixedWindowLimiter({ db, rule, logger }: PostgresLimiterOptions): FixedWindowLimiter {
  const fallback = createInMemoryFixedWindowLimiter(rule);
  let lastPrunedAtMs = 0;

  function pruneOccasionally(now: Date): void {
    if (now.getTime() - lastPrunedAtMs < PRUNE_EVERY_MS) return;
    lastPrunedAtMs = now.getTime();
    deleteBucketsEndedBefore(db, now).catch((error: unknown) => logger.warn({ err: error }, "rate-limit prune failed"));
  }

  return {
    rule,
    async hit(key, now) {
      pruneOccasionally(now);
      try {
        const bucket = await incrementBucket(db, key, now, rule.windowMs);
        return { ...bucket, isOverLimit: bucket.count > rule.limit };
      } catch (error) {
        logger.warn({ err: error, key }, "rate-limit store unavailable; using this node's in-memory window");
        return fallback.hit(key, now);
      }
    },
    async refund(key, now) {
      try {
        await decrementBucket(db, key, now);
      } catch (error) {
        logger.warn({ err: error, key }, "rate-limit refund failed; using this node's in-memory window");
        await fallback.refund(key, now);
      }
    },
  };
}
