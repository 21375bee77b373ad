/**
 * One token bucket: `burst` tokens, refilled at `refillPerSecond`. A plain
 * object per connection (no map of keys) because a node holds tens of
 * thousands of sockets and each byte per socket counts.
 */
export interface TokenBucket {
  /** Takes a token if one is left. */
  tryTake(): boolean;
  /** Tokens left now (fractional while refilling). */
  available(): number;
}

export interface TokenBucketOptions {
  burst: number;
  refillPerSecond: number;
  /** Milliseconds from a monotonic clock; injectable for tests. */
  nowMs?: () => number;
}

export function createTokenBucket({ burst, refillPerSecond, nowMs = () => performance.now() }: TokenBucketOptions): TokenBucket {
  if (!(burst >= 1) || !(refillPerSecond >= 0)) throw new RangeError("burst must be >= 1 and refillPerSecond >= 0");
  let tokens = burst;
  let updatedAtMs = nowMs();

  function refill(): void {
    const now = nowMs();
    tokens = Math.min(burst, tokens + (Math.max(0, now - updatedAtMs) / 1000) * refillPerSecond);
    updatedAtMs = now;
  }

  return {
    tryTake() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    available() {
      refill();
      return tokens;
    },
  };
}
