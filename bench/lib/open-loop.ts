/**
 * An open-loop send schedule: message `id` leaves at started + id / rate,
 * however slow the server is (a closed loop would slow down with it and hide
 * the queueing we measure). The first `warmupSeconds` of messages are sent
 * and delivered like the rest but not timed: they meet the processes cold
 * (JIT, first statements on each pooled connection, the GC owed for the
 * connect burst) and would otherwise fill a short run's tail with start-up.
 * Every system in a comparison gets the same warm-up.
 */
export interface OpenLoopPlan {
  ratePerSecond: number;
  seconds: number;
  warmupSeconds?: number;
}

/** Ids below this are warm-up: delivered and counted, not timed. */
export function firstTimedId(plan: OpenLoopPlan): number {
  return Math.round(plan.ratePerSecond * (plan.warmupSeconds ?? 0));
}

/** Sends warm-up and timed messages (ids 0…total−1); `seconds` is the whole schedule's length. */
export async function sendOpenLoop(plan: OpenLoopPlan, send: (id: number) => void): Promise<{ total: number; timedFromId: number; seconds: number }> {
  const timedFromId = firstTimedId(plan);
  const total = timedFromId + Math.round(plan.ratePerSecond * plan.seconds);
  const started = performance.now();
  for (let id = 0; id < total; id += 1) {
    const wait = started + (id * 1000) / plan.ratePerSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    send(id);
  }
  return { total, timedFromId, seconds: (performance.now() - started) / 1000 };
}
