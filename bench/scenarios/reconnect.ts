/**
 * (5) reconnect storm: N clients (the browser's RealtimeClient) over 2
 * realtime nodes + Redis, each following its channel while messages flow;
 * every socket is cut at once (client side, no close frame); the clients come
 * back with the browser's jittered backoff and `sync` from their last seq
 * while messages keep flowing. Measured: per client, the time from the cut
 * until it is live again, and until it also holds every message committed by
 * the time it was live (Postgres sampled while the storm lasts); at the end every
 * client must hold exactly seqs 1..lastSeq of its channel: lost = 0 and
 * duplicated = 0 are asserted. Budget: 10,000 clients all resynced within 10 s.
 */
import type { ChildProcess } from "node:child_process";
import type pg from "pg";
import { mixedRooms } from "../lib/channel-sizes.ts";
import { openBenchPool, postgresBackendPids } from "../lib/database.ts";
import { seedChannels } from "../lib/fixtures.ts";
import { senderRooms, startRealtimeCluster } from "../lib/parley-broadcast.ts";
import { BENCH_ORIGIN, forkClient, nextMessage, stopProcess } from "../lib/processes.ts";
import { startRedis } from "../lib/redis.ts";
import type { ScenarioResult } from "../lib/results.ts";
import type { Scenario, ScenarioContext } from "../lib/scenario.ts";
import { ProcessGroupMeter, summarise, wallClockMs } from "../lib/stats.ts";

const SIZES = {
  quick: { clients: 1_000, ratePerSecond: 50, sendSeconds: 12, dropAfterSeconds: 3, clientProcesses: 2 },
  full: { clients: 10_000, ratePerSecond: 100, sendSeconds: 30, dropAfterSeconds: 5, clientProcesses: 4 },
};
const RESYNC_DEADLINE_MS = 60_000;
const CONVERGE_DEADLINE_MS = 30_000;

interface ClientReport {
  conversationId: string;
  distinctSeqs: number;
  lastDelivered: number;
  duplicates: number;
  outOfOrder: number;
  droppedAt: number;
  liveAt: number | null;
  deliveredAfterCut: [number, number][];
  highestSeqOnWire: number;
  syncsSent: number;
  syncAnswers: number;
  isLive: boolean;
}

/** Each conversation's lastSeq at a wall-clock moment. */
interface SeqSample {
  at: number;
  seqs: Record<string, number>;
}

/** Wall-clock ms when the client was live and held all that was committed by then; null if not (yet). */
function resyncedAt(report: ClientReport, samples: readonly SeqSample[]): number | null {
  if (report.liveAt === null) return null;
  const liveAt = report.liveAt;
  const sample = samples.find((candidate) => candidate.at >= liveAt);
  if (!sample) return null;
  const target = sample.seqs[report.conversationId] ?? 0;
  const reached = report.deliveredAfterCut.find(([seq]) => seq >= target);
  if (reached) return Math.max(liveAt, reached[1]);
  return report.lastDelivered >= target ? liveAt : null;
}

interface ProcessReport {
  clients: ClientReport[];
  connectsAfterCut: number;
  closeCodesAfterCut: Record<string, number>;
  createDelays: number[];
  openDelays: number[];
  readyDelays: number[];
}

async function reportAll(processes: readonly ChildProcess[]): Promise<ClientReport[]> {
  return (await processReports(processes)).flatMap((report) => report.clients);
}

async function processReports(processes: readonly ChildProcess[]): Promise<ProcessReport[]> {
  return Promise.all(
    processes.map((child) => {
      child.send({ type: "report" });
      return nextMessage<ProcessReport>(child, "report", 60_000);
    }),
  );
}

/** Connection attempts after the cut and how the failed ones closed, over all client processes. */
async function reconnectAttempts(processes: readonly ChildProcess[]): Promise<string> {
  const reports = await processReports(processes);
  const closes = new Map<string, number>();
  for (const report of reports) for (const [code, count] of Object.entries(report.closeCodesAfterCut)) closes.set(code, (closes.get(code) ?? 0) + count);
  const connects = reports.reduce((sum, report) => sum + report.connectsAfterCut, 0);
  const create = summarise(reports.flatMap((report) => report.createDelays));
  const open = summarise(reports.flatMap((report) => report.openDelays));
  const ready = summarise(reports.flatMap((report) => report.readyDelays));
  return `${connects} connects after the cut, cut→connect p50 ${create.p50.toFixed(0)} ms p99 ${create.p99.toFixed(0)} ms, connect→open p50 ${open.p50.toFixed(0)} ms p99 ${open.p99.toFixed(0)} ms, open→ready p50 ${ready.p50.toFixed(0)} ms p99 ${ready.p99.toFixed(0)} ms; closes among them: ${closes.size === 0 ? "none" : [...closes].map(([code, count]) => `${count}× ${code}`).join(", ")}`;
}

async function lastSeqs(pool: pg.Pool, conversationIds: string[]): Promise<Record<string, number>> {
  const result = await pool.query<{ id: string; lastSeq: string }>(`SELECT "id", "lastSeq" FROM "Conversation" WHERE "id" = ANY($1::uuid[])`, [
    conversationIds,
  ]);
  return Object.fromEntries(result.rows.map((row) => [row.id, Number(row.lastSeq)]));
}

/** Polls until `isDone(reports)` or the deadline; returns the last reports. `beforeEach` runs before each poll. */
async function pollReports(
  processes: readonly ChildProcess[],
  deadlineMs: number,
  isDone: (reports: ClientReport[]) => boolean,
  beforeEach: () => Promise<void> = async () => {},
): Promise<ClientReport[]> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    await beforeEach();
    const reports = await reportAll(processes);
    if (isDone(reports) || performance.now() > deadline) return reports;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function run(context: ScenarioContext): Promise<ScenarioResult> {
  const size = SIZES[context.mode];
  const redis = await startRedis();
  const pool = openBenchPool(context.databaseUrl, 2);
  const processes: ChildProcess[] = [];
  context.onCleanup(async () => {
    await redis.stop();
    await pool.end();
  });
  const cluster = await startRealtimeCluster(context.databaseUrl, redis.url, context.onCleanup);
  context.onCleanup(async () => {
    await Promise.all(processes.map((child) => stopProcess(child, 2_000)));
  });
  const channels = await seedChannels(pool, mixedRooms(size.clients));
  const conversationIds = channels.map((channel) => channel.conversationId);
  const members = channels.flatMap((channel) =>
    channel.memberIds.map((userId, index) => ({
      userId,
      conversationId: channel.conversationId,
      url: (cluster.nodes[index % cluster.nodes.length] as (typeof cluster.nodes)[number]).url,
    })),
  );
  context.log(`reconnect: ${members.length} RealtimeClients in ${channels.length} channels on 2 nodes, ${size.ratePerSecond} msg/s`);
  for (let index = 0; index < size.clientProcesses; index += 1) {
    const child = forkClient("resyncing-clients.ts");
    processes.push(child);
    child.send({ members: members.filter((_, position) => position % size.clientProcesses === index), origin: BENCH_ORIGIN, secret: cluster.secret });
  }
  await Promise.all(processes.map((child) => nextMessage(child, "live", 600_000)));

  const sender = forkClient("parley-clients.ts");
  processes.push(sender);
  sender.send({
    role: "sender",
    rooms: await senderRooms(channels, size.ratePerSecond, cluster.grantFor),
    ratePerSecond: size.ratePerSecond,
    seconds: size.sendSeconds,
    ackTimeoutMs: 30_000,
  });
  await nextMessage(sender, "joined", 120_000);
  sender.send({ type: "start" });
  const sent = nextMessage<{ total: number; ackMs: number[]; errors: Record<string, number>; unanswered: number }>(
    sender,
    "sent",
    (size.sendSeconds + 90) * 1000,
  );
  await new Promise((resolve) => setTimeout(resolve, size.dropAfterSeconds * 1000));

  const meters = [
    new ProcessGroupMeter("realtime nodes", () => cluster.nodes.map((node) => node.child.pid as number)),
    new ProcessGroupMeter("postgres backends", () => postgresBackendPids(pool)),
    // The load side too: a storm the clients cannot drive fast enough measures them, not the server.
    new ProcessGroupMeter("load clients (RealtimeClient)", () => processes.slice(0, size.clientProcesses).map((child) => child.pid as number)),
  ];
  await Promise.all(meters.map((meter) => meter.begin()));
  context.log(`reconnect: cutting all ${members.length} sockets`);
  const clientProcesses = processes.slice(0, size.clientProcesses);
  for (const child of clientProcesses) child.send({ type: "drop" });
  const samples: SeqSample[] = [];
  const afterStorm = await pollReports(
    clientProcesses,
    RESYNC_DEADLINE_MS,
    (reports) => reports.every((report) => resyncedAt(report, samples) !== null),
    async () => void samples.push({ at: wallClockMs(), seqs: await lastSeqs(pool, conversationIds) }),
  );
  const usage = await Promise.all(meters.map((meter) => meter.end()));
  const attempts = await reconnectAttempts(clientProcesses);
  context.log(`reconnect: ${attempts}`);

  const sendOutcome = await sent;
  const finalSeqs = await lastSeqs(pool, conversationIds);
  const final = await pollReports(clientProcesses, CONVERGE_DEADLINE_MS, (reports) =>
    reports.every((report) => report.lastDelivered === finalSeqs[report.conversationId]),
  );
  const resyncMs = afterStorm.flatMap((report) => {
    const at = resyncedAt(report, samples);
    return at === null ? [] : [at - report.droppedAt];
  });
  const liveMs = afterStorm.flatMap((report) => (report.liveAt === null ? [] : [report.liveAt - report.droppedAt]));
  const notResynced = afterStorm.length - resyncMs.length;
  const lost = final.reduce((sum, report) => sum + Math.max(0, (finalSeqs[report.conversationId] ?? 0) - report.distinctSeqs), 0);
  const duplicated = final.reduce((sum, report) => sum + report.duplicates, 0);
  const outOfOrder = final.reduce((sum, report) => sum + report.outOfOrder, 0);
  const stuck = final.filter((report) => report.lastDelivered !== finalSeqs[report.conversationId]);
  if (stuck.length > 0) {
    const byState = new Map<string, number>();
    for (const report of stuck) {
      const finalSeq = finalSeqs[report.conversationId] ?? 0;
      const where = report.highestSeqOnWire >= finalSeq ? "reached the socket, held in the client" : "never reached the socket";
      const key = `isLive=${report.isLive} behindBy=${finalSeq - report.lastDelivered} (${where}; ${report.syncsSent} syncs sent, ${report.syncAnswers} answered since the cut)`;
      byState.set(key, (byState.get(key) ?? 0) + 1);
    }
    context.log(`reconnect: ${stuck.length} clients short of their channel's lastSeq: ${[...byState].map(([key, count]) => `${count}× ${key}`).join("; ")}`);
  }
  const committed = Object.values(finalSeqs).reduce((sum, seq) => sum + seq, 0);
  const summary = summarise(resyncMs);
  const live = summarise(liveMs);
  const zero = { on: "value", op: "<=", limit: 0 } as const;
  const errors = Object.entries(sendOutcome.errors)
    .map(([code, count]) => `${count} ${code}`)
    .join(", ");
  return {
    scenario: "reconnect",
    status: "ok",
    note: `${members.length} clients in ${channels.length} channels on 2 nodes + Redis, ${size.ratePerSecond} msg/s for ${size.sendSeconds}s, all sockets cut after ${size.dropAfterSeconds}s (${attempts}); ${sendOutcome.total} sent, ${sendOutcome.ackMs.length} acked${errors ? ` (${errors})` : ""}, ${committed} committed`,
    metrics: [
      {
        name: "time until all resynced",
        value: notResynced > 0 ? Number.POSITIVE_INFINITY : summary.max,
        unit: "ms",
        budget: { on: "value", op: "<=", limit: 10_000 },
      },
      { name: "per-client live again p50", value: live.p50, unit: "ms" },
      { name: "per-client live again p99", value: live.p99, unit: "ms" },
      { name: "per-client resync p50", value: summary.p50, unit: "ms" },
      { name: "per-client resync p99", value: summary.p99, unit: "ms" },
      { name: "clients not resynced in 60 s", value: notResynced, unit: "", budget: zero },
      { name: "lost (client × message)", value: lost, unit: "", budget: zero },
      { name: "duplicated (client × message)", value: duplicated, unit: "", budget: zero },
      { name: "out of order deliveries", value: outOfOrder, unit: "", budget: zero },
    ],
    processes: usage,
    latency: [
      { label: "live again", samplesMs: liveMs },
      { label: "resynced", samplesMs: resyncMs },
    ],
  };
}

export const reconnectScenario: Scenario = {
  name: "reconnect",
  description: "clients dropped at once reconnect and resync while messages flow; lost = 0, duplicated = 0",
  run,
};
