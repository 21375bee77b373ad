/**
 * What one receiver process saw in a broadcast run: every delivery counted
 * per message id (so losses are judged over warm-up messages too), latency
 * only for timed messages (ids from `timedFromId`, see open-loop.ts).
 */
import { wallClockMs } from "./stats.ts";

export interface ReceiverReport {
  /** send→receive ms of every timed delivery. */
  latencies: number[];
  /** Per message id: deliveries seen, and the slowest one's ms (0 for warm-up messages). */
  perMessage: [number, { maxMs: number; count: number }][];
}

export class DeliveryLog {
  private readonly latencies: number[] = [];
  private readonly perMessage = new Map<number, { maxMs: number; count: number }>();

  constructor(private readonly timedFromId: number) {}

  record(id: number, sentAt: number): void {
    const entry = this.perMessage.get(id) ?? { maxMs: 0, count: 0 };
    entry.count += 1;
    this.perMessage.set(id, entry);
    if (id < this.timedFromId) return;
    const latency = wallClockMs() - sentAt;
    this.latencies.push(latency);
    entry.maxMs = Math.max(entry.maxMs, latency);
  }

  report(): ReceiverReport {
    return { latencies: this.latencies, perMessage: [...this.perMessage] };
  }
}

/** Deliveries over every receiver, warm-up included. */
export function deliveriesIn(reports: readonly ReceiverReport[]): number {
  let count = 0;
  for (const report of reports) for (const [, entry] of report.perMessage) count += entry.count;
  return count;
}

/** Per timed message, ms until its last recipient (over every receiver process) had it. */
export function lastRecipientMs(reports: readonly ReceiverReport[], timedFromId: number): number[] {
  const lastRecipient = new Map<number, number>();
  for (const report of reports) {
    for (const [id, entry] of report.perMessage) if (id >= timedFromId) lastRecipient.set(id, Math.max(lastRecipient.get(id) ?? 0, entry.maxMs));
  }
  return [...lastRecipient.values()];
}
