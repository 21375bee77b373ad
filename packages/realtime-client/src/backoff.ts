/**
 * Reconnect delays: exponential with "full jitter" (a random delay between 0
 * and the capped exponential), so thousands of clients dropped by one node
 * restart do not all come back in the same millisecond.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Injected so tests can pin the jitter; defaults to Math.random. */
  random?: () => number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/** Delay before reconnect attempt `attempt` (0 = the first retry after a drop). */
export function reconnectDelayMs(attempt: number, options: BackoffOptions = defaultBackoff): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  // Never zero: a floor of a tenth of the first delay keeps a broken server from being hammered.
  return Math.max(options.initialMs / 10, Math.round(random() * ceiling));
}
