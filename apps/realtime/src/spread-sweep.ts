/**
 * Visits every item of a live collection once per interval, a slice per tick
 * instead of all in one turn. The node pings each socket every 30 s: in one
 * loop that was 5,000 ping writes per node in a single turn (~0.4 s on the
 * bench VM, where a write syscall costs ~80 µs), and every send and delivery
 * queued behind it (full delivery bench: send→ack p99 320 ms with the burst,
 * 73 ms without). Spread over 100 ms ticks it is ~17 writes a tick.
 *
 * A pass starts at most once per interval and takes about an interval at the
 * current size. Items added mid-pass are visited in it (Set iteration is
 * live); when many leave mid-pass, the rest are reached early, so a visitor
 * must judge by time, not by the count of visits.
 */
export interface SweepTarget<T> extends Iterable<T> {
  readonly size: number;
}

const DEFAULT_TICK_MS = 100;

export function startSpreadSweep<T>(
  target: SweepTarget<T>,
  visit: (item: T, nowMs: number) => void,
  intervalMs: number,
  tickMs = DEFAULT_TICK_MS,
): { stop(): void } {
  const tick = Math.min(tickMs, intervalMs);
  let cursor: Iterator<T> | undefined;
  let passStartedAt = Number.NEGATIVE_INFINITY;
  const timer = setInterval(() => {
    const now = performance.now();
    // Enough per tick to finish a pass within the interval at the current size.
    let quota = Math.ceil((target.size * tick) / intervalMs);
    while (quota > 0) {
      if (!cursor) {
        // Half a tick of slack: timers fire on the loop's cached ms clock, a hair early by this one.
        if (now - passStartedAt < intervalMs - tick / 2) return;
        passStartedAt = now;
        cursor = target[Symbol.iterator]();
      }
      const next = cursor.next();
      if (next.done) {
        cursor = undefined;
        continue;
      }
      visit(next.value, now);
      quota -= 1;
    }
  }, tick);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
