/**
 * Runs one broadcast baseline (Socket.IO + redis-adapter over 2 nodes, or the
 * raw `ws` ceiling on 1): servers and clients in their own processes, rooms of
 * the given sizes, an open-loop sender at an offered rate, then collects every
 * recipient's latency and each message's last-recipient latency.
 */
import type { ChildProcess } from "node:child_process";
import { deliveriesIn, lastRecipientMs, type ReceiverReport } from "./delivery-log.ts";
import { firstTimedId } from "./open-loop.ts";
import { forkClient, freePort, nextMessage, stopProcess } from "./processes.ts";
import { ProcessGroupMeter, type ProcessUsage } from "./stats.ts";

export interface BroadcastPlan {
  kind: "socketio" | "ws";
  roomSizes: number[];
  ratePerSecond: number;
  seconds: number;
  /** Untimed messages first, at the same rate (open-loop.ts). */
  warmupSeconds: number;
  redisUrl: string;
  receiverProcesses: number;
}

export interface BroadcastOutcome {
  /** Every timed delivery's send→receive ms. */
  latencies: number[];
  /** Per timed message, ms until its last recipient had it. */
  lastRecipientMs: number[];
  /** Messages sent, warm-up included; deliveries below count them all. */
  sent: number;
  /** How many of `sent` were warm-up (untimed). */
  warmup: number;
  expectedDeliveries: number;
  delivered: number;
  usage: ProcessUsage[];
}

export async function runBroadcast(plan: BroadcastPlan, onCleanup: (cleanup: () => Promise<void>) => void): Promise<BroadcastOutcome> {
  const nodes = plan.kind === "socketio" ? 2 : 1;
  const servers: ChildProcess[] = [];
  const clients: ChildProcess[] = [];
  onCleanup(async () => {
    await Promise.all([...clients, ...servers].map((child) => stopProcess(child, 2_000)));
  });
  const urls: string[] = [];
  for (let index = 0; index < nodes; index += 1) {
    const port = await freePort();
    const server = forkClient("broadcast-servers.ts", [plan.kind, String(port), plan.redisUrl]);
    servers.push(server);
    await nextMessage(server, "listening", 30_000);
    urls.push(plan.kind === "socketio" ? `http://127.0.0.1:${port}` : `ws://127.0.0.1:${port}`);
  }
  const rooms = plan.roomSizes.map((members, index) => ({ name: `room-${index}`, members }));
  // Members alternate between nodes, so every broadcast crosses Redis for half its recipients.
  const memberships = rooms.flatMap((room) =>
    Array.from({ length: room.members }, (_, index) => ({ url: urls[index % urls.length] as string, room: room.name })),
  );
  for (let index = 0; index < plan.receiverProcesses; index += 1) {
    const client = forkClient("broadcast-clients.ts");
    clients.push(client);
    client.send({
      role: "receivers",
      kind: plan.kind,
      memberships: memberships.filter((_, position) => position % plan.receiverProcesses === index),
      timedFromId: firstTimedId(plan),
    });
  }
  await Promise.all(clients.map((client) => nextMessage(client, "joined", 300_000)));
  const sender = forkClient("broadcast-clients.ts");
  clients.push(sender);
  sender.send({
    role: "sender",
    kind: plan.kind,
    url: urls[0],
    rooms: rooms.map((room) => room.name),
    ratePerSecond: plan.ratePerSecond,
    seconds: plan.seconds,
    warmupSeconds: plan.warmupSeconds,
  });
  await nextMessage(sender, "joined", 30_000);

  const meters = [new ProcessGroupMeter(`${plan.kind} servers`, () => servers.map((server) => server.pid as number))];
  await Promise.all(meters.map((meter) => meter.begin()));
  sender.send({ type: "start" });
  const { total, timedFromId } = await nextMessage<{ total: number; timedFromId: number }>(sender, "sent", (plan.warmupSeconds + plan.seconds + 60) * 1000);
  const expectedDeliveries = Array.from({ length: total }, (_, id) => rooms[id % rooms.length]?.members ?? 0).reduce((sum, count) => sum + count, 0);

  const reports = await drainReports<ReceiverReport>(clients.slice(0, plan.receiverProcesses), expectedDeliveries);
  const usage = await Promise.all(meters.map((meter) => meter.end()));
  const latencies = reports.flatMap((report) => report.latencies);
  await Promise.all([...clients, ...servers].map((child) => stopProcess(child, 2_000)));
  return {
    latencies,
    lastRecipientMs: lastRecipientMs(reports, timedFromId),
    sent: total,
    warmup: timedFromId,
    expectedDeliveries,
    delivered: deliveriesIn(reports),
    usage,
  };
}

/**
 * Polls the receivers until every expected delivery arrived or `drainMs`
 * passed (what is missing then is lost); returns their last reports.
 */
export async function drainReports<Report extends ReceiverReport>(
  receivers: readonly ChildProcess[],
  expectedDeliveries: number,
  drainMs = 15_000,
): Promise<Report[]> {
  const deadline = performance.now() + drainMs;
  for (;;) {
    const reports = await Promise.all(
      receivers.map((client) => {
        client.send({ type: "report" });
        return nextMessage<Report>(client, "report", 60_000);
      }),
    );
    if (deliveriesIn(reports) >= expectedDeliveries || performance.now() > deadline) return reports;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
