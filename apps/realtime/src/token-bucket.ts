/**
 * One token bucket: `burst` tokens, refilled at `refillPerSecond`. A plain
 * object per connection (no map of keys) because a node holds tens of
 * thousands of sockets and each byte per socket counts: a bucket is two
 * numbers and a pointer to options shared by every bucket of its kind (a
 * closure-based bucket cost ~400 bytes in heap snapshots, this ~40).
 */
export interface TokenBucketOptions {
  burst: number;
  refillPerSecond: number;
  /** Milliseconds from a monotonic clock; injectable for tests. */
  nowMs?: () => number;
}

const monotonicNowMs = () => performance.now();

export class TokenBucket {
  private tokens: number;
  private updatedAtMs: number;

  /** `options` is kept, not copied: share one object between the buckets of one kind. */
  constructor(private readonly options: Readonly<TokenBucketOptions>) {
    if (!(options.burst >= 1) || !(options.refillPerSecond >= 0)) throw new RangeError("burst must be >= 1 and refillPerSecond >= 0");
    this.tokens = options.burst;
    this.updatedAtMs = this.nowMs();
  }

  /** Takes a token if one is left. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Tokens left now (fractional while refilling). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private nowMs(): number {
    return (this.options.nowMs ?? monotonicNowMs)();
  }

  private refill(): void {
    const now = this.nowMs();
    const { burst, refillPerSecond } = this.options;
    this.tokens = Math.min(burst, this.tokens + (Math.max(0, now - this.updatedAtMs) / 1000) * refillPerSecond);
    this.updatedAtMs = now;
  }
}

export function createTokenBucket(options: Readonly<TokenBucketOptions>): TokenBucket {
  return new TokenBucket(options);
}
