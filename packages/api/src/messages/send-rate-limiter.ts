export interface SendRateLimiter {
  /** Takes one token for `key`; false when the key is over its rate. */
  tryTake(key: string, now: Date): boolean;
}

export interface TokenBucketOptions {
  ratePerSecond: number;
  burst: number;
  /** Buckets idle long enough to be full again are dropped past this many keys. */
  maxTrackedKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * In-memory token bucket per key (one per sender). Per node only: a user
 * spreading sends over N web nodes gets N times the rate, acceptable until a
 * shared limiter is needed (the bucket is insurance against floods, not billing).
 */
export function createTokenBucketLimiter(options: TokenBucketOptions): SendRateLimiter {
  const { ratePerSecond, burst } = options;
  const maxTrackedKeys = options.maxTrackedKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();
  const msToRefill = (burst / ratePerSecond) * 1000;

  function dropRefilledBuckets(nowMs: number): void {
    for (const [key, bucket] of buckets) {
      if (nowMs - bucket.updatedAtMs >= msToRefill) buckets.delete(key);
    }
  }

  return {
    tryTake(key, now) {
      const nowMs = now.getTime();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxTrackedKeys) dropRefilledBuckets(nowMs);
        bucket = { tokens: burst, updatedAtMs: nowMs };
        buckets.set(key, bucket);
      } else {
        const elapsedSeconds = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
        bucket.tokens = Math.min(burst, bucket.tokens + elapsedSeconds * ratePerSecond);
        bucket.updatedAtMs = Math.max(bucket.updatedAtMs, nowMs);
      }
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}

/** 10 messages a second with bursts of 30, per sender. */
export const DEFAULT_SEND_RATE = { ratePerSecond: 10, burst: 30 } as const;
