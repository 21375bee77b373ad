/**
 * Parley's side of delivery and fan-out: channels of the given sizes seeded
 * in the bench database, 2 built realtime nodes on one Redis, receivers (every
 * member, alternating between the nodes) and one sender process in their own
 * processes, messages sent over the socket at an offered rate through the real
 * send path (sendMessage: persisted before ack, published on conv:<id>).
 * Returns every recipient's send→receive latency, each message's
 * last-recipient latency, and what Postgres holds afterwards.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { issueRealtimeToken } from "@parley/api/realtime/realtime-token";
import type { SenderRoom, SocketGrant } from "../clients/parley-clients.ts";
import { drainReports, type BroadcastOutcome } from "./broadcast.ts";
import { lastRecipientMs, type ReceiverReport } from "./delivery-log.ts";
import { firstTimedId } from "./open-loop.ts";
import { openBenchPool, postgresBackendPids } from "./database.ts";
import { seedChannels, type SeededChannel } from "./fixtures.ts";
import { BENCH_ORIGIN, forkClient, nextMessage, startRealtimeNode, stopProcess, type RealtimeNode } from "./processes.ts";
import { ProcessGroupMeter } from "./stats.ts";

export interface ParleyBroadcastPlan {
  roomSizes: number[];
  ratePerSecond: number;
  seconds: number;
  warmupSeconds: number;
  receiverProcesses: number;
  databaseUrl: string;
  redisUrl: string;
}

export interface ParleyBroadcastOutcome extends BroadcastOutcome {
  acked: number;
  /** Sends answered with an error frame, by code; and sends never answered. */
  sendErrors: Record<string, number>;
  unanswered: number;
  /** Messages of the bench's channels in Postgres after the run. */
  persisted: number;
  /** Frames of a seq a socket already had: the outbox relay republishing a row not yet marked published (clients drop them by seq). */
  duplicates: number;
  /** Receiver sockets the node closed during the run, by close code (1013: too far behind). */
  receiverCloses: Record<string, number>;
  /** send→ack ms of timed messages (persisted, as the sender sees it). */
  ackMs: number[];
}

// The realtime server lets one user send 10 messages/s (burst 30): stay well under it per sender.
const MAX_SENDS_PER_USER_PER_SECOND = 4;
const NODES = 2;

/** Starts the 2 realtime nodes with a fresh shared secret; they are stopped by the scenario's cleanup. */
export async function startRealtimeCluster(databaseUrl: string, redisUrl: string, onCleanup: (cleanup: () => Promise<void>) => void) {
  const secret = randomBytes(32).toString("hex");
  const nodes: RealtimeNode[] = [];
  onCleanup(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  });
  for (let index = 0; index < NODES; index += 1) nodes.push(await startRealtimeNode({ secret, databaseUrl, redisUrl }));
  const grantFor = async (userId: string, nodeIndex: number): Promise<SocketGrant> => ({
    url: (nodes[nodeIndex % nodes.length] as RealtimeNode).url,
    origin: BENCH_ORIGIN,
    token: issueRealtimeToken(secret, userId),
  });
  return { nodes, secret, grantFor };
}

export async function runParleyBroadcast(plan: ParleyBroadcastPlan, onCleanup: (cleanup: () => Promise<void>) => void): Promise<ParleyBroadcastOutcome> {
  const pool = openBenchPool(plan.databaseUrl, 2);
  const clients: ChildProcess[] = [];
  onCleanup(async () => {
    await Promise.all(clients.map((child) => stopProcess(child, 2_000)));
    await pool.end();
  });
  const channels = await seedChannels(pool, plan.roomSizes);
  const cluster = await startRealtimeCluster(plan.databaseUrl, plan.redisUrl, onCleanup);

  // Members alternate between nodes, so every message crosses Redis for half its recipients.
  const grants = await Promise.all(channels.flatMap((channel) => channel.memberIds.map((userId, index) => cluster.grantFor(userId, index))));
  for (let index = 0; index < plan.receiverProcesses; index += 1) {
    const client = forkClient("parley-clients.ts");
    clients.push(client);
    client.send({ role: "receivers", sockets: grants.filter((_, position) => position % plan.receiverProcesses === index), timedFromId: firstTimedId(plan) });
  }
  await Promise.all(clients.map((client) => nextMessage(client, "joined", 600_000)));

  const sender = forkClient("parley-clients.ts");
  clients.push(sender);
  sender.send({
    role: "sender",
    rooms: await senderRooms(channels, plan.ratePerSecond, cluster.grantFor),
    ratePerSecond: plan.ratePerSecond,
    seconds: plan.seconds,
    warmupSeconds: plan.warmupSeconds,
    ackTimeoutMs: 15_000,
  });
  await nextMessage(sender, "joined", 120_000);

  const meters = [
    new ProcessGroupMeter("realtime nodes", () => cluster.nodes.map((node) => node.child.pid as number)),
    new ProcessGroupMeter("postgres backends", () => postgresBackendPids(pool)),
  ];
  await Promise.all(meters.map((meter) => meter.begin()));
  sender.send({ type: "start" });
  const sent = await nextMessage<{
    total: number;
    timedFromId: number;
    ackMs: number[];
    ackedIds: number[];
    errors: Record<string, number>;
    unanswered: number;
  }>(sender, "sent", (plan.warmupSeconds + plan.seconds + 60) * 1000);
  // Owed to every member: each acked (so persisted) message. A refused send is counted in sendErrors, not as lost.
  const expectedDeliveries = sent.ackedIds.reduce((sum, id) => sum + (channels[id % channels.length]?.memberIds.length ?? 0), 0);
  const reports = await drainReports<ReceiverReport & { duplicates: number; closedAfterReady: Record<string, number> }>(
    clients.slice(0, plan.receiverProcesses),
    expectedDeliveries,
  );
  const usage = await Promise.all(meters.map((meter) => meter.end()));

  const stored = await pool.query<{ count: string }>(`SELECT count(*) FROM "Message" WHERE "conversationId" = ANY($1::uuid[])`, [
    channels.map((channel) => channel.conversationId),
  ]);
  const latencies = reports.flatMap((report) => report.latencies);
  const receivedById = new Map<number, number>();
  for (const report of reports) for (const [id, entry] of report.perMessage) receivedById.set(id, (receivedById.get(id) ?? 0) + entry.count);
  await Promise.all(clients.map((child) => stopProcess(child, 2_000)));
  return {
    latencies,
    lastRecipientMs: lastRecipientMs(reports, sent.timedFromId),
    sent: sent.total,
    warmup: sent.timedFromId,
    expectedDeliveries,
    delivered: sent.ackedIds.reduce((sum, id) => sum + (receivedById.get(id) ?? 0), 0),
    usage,
    acked: sent.ackedIds.length,
    sendErrors: sent.errors,
    unanswered: sent.unanswered,
    persisted: Number(stored.rows[0]?.count ?? 0),
    duplicates: reports.reduce((sum, report) => sum + report.duplicates, 0),
    receiverCloses: mergeCounts(reports.map((report) => report.closedAfterReady)),
    ackMs: sent.ackMs,
  };
}

function mergeCounts(counts: readonly Record<string, number>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const entry of counts) for (const [key, count] of Object.entries(entry)) merged[key] = (merged[key] ?? 0) + count;
  return merged;
}

/** Per channel, enough distinct members taking turns to send its share of the rate under the per-user limit. */
export async function senderRooms(
  channels: readonly SeededChannel[],
  ratePerSecond: number,
  grantFor: (userId: string, node: number) => Promise<SocketGrant>,
): Promise<SenderRoom[]> {
  const perChannel = ratePerSecond / channels.length;
  const sendersPerChannel = Math.max(1, Math.ceil(perChannel / MAX_SENDS_PER_USER_PER_SECOND));
  return Promise.all(
    channels.map(async (channel, index) => ({
      conversationId: channel.conversationId,
      senders: await Promise.all(channel.memberIds.slice(0, sendersPerChannel).map((userId, turn) => grantFor(userId, index + turn))),
    })),
  );
}
