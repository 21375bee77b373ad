import { describe, expect, it } from "vitest";
import { DeliveryLog, deliveriesIn, lastRecipientMs } from "./delivery-log.ts";
import { firstTimedId, sendOpenLoop } from "./open-loop.ts";
import { wallClockMs } from "./stats.ts";

describe("warm-up in a broadcast run", () => {
  it("sends the warm-up first at the same rate, then the timed messages", async () => {
    const sent: number[] = [];
    const outcome = await sendOpenLoop({ ratePerSecond: 1_000, seconds: 0.01, warmupSeconds: 0.005 }, (id) => sent.push(id));
    expect(outcome).toMatchObject({ total: 15, timedFromId: 5 });
    expect(sent).toEqual(Array.from({ length: 15 }, (_, id) => id));
    expect(firstTimedId({ ratePerSecond: 200, seconds: 5 })).toBe(0);
  });

  it("counts every delivery but times only messages from the first timed id", () => {
    const first = new DeliveryLog(2);
    const second = new DeliveryLog(2);
    const sentAt = wallClockMs() - 20;
    for (const id of [0, 1, 2, 3]) first.record(id, sentAt);
    for (const id of [1, 3, 3]) second.record(id, sentAt);
    const reports = [first.report(), second.report()];

    expect(deliveriesIn(reports)).toBe(7);
    expect(reports.map((report) => report.latencies.length)).toEqual([2, 2]);
    for (const latency of reports.flatMap((report) => report.latencies)) expect(latency).toBeGreaterThanOrEqual(20);
    // One entry per timed message (2 and 3), each the slowest over both receivers.
    const last = lastRecipientMs(reports, 2);
    expect(last).toHaveLength(2);
    for (const ms of last) expect(ms).toBeGreaterThanOrEqual(20);
  });
});
