/**
 * (4) connections: idle authenticated sockets held by one realtime node (the
 * built server, its own process) and its RSS per socket. Load clients are
 * separate processes, each holding a share of the sockets and pinging at the
 * server's heartbeat. Budget: ≥ 50,000 sockets per node, ≤ 15 KB RSS each.
 * On 127.0.0.1 one node is bounded by the fd limit of its process and by the
 * ephemeral port range of the single client address: what was reached is reported.
 *
 * Per socket means the cost of one more socket: a warm-up batch is opened
 * first and the figures are the difference between holding the warm-up and
 * holding all, divided by the sockets added. That leaves out what the first
 * sockets pay once (the first queries load Prisma's query compiler, JIT code,
 * pools: ~100 MB, which over 5,000 sockets read as +20 KB each); the node's
 * RSS with no socket and holding them all are reported next to it. Both
 * figures are means of the node's own /metrics over a window that starts once
 * its major GCs (run by V8 itself) stopped giving memory back (node-memory.ts):
 * neither counts the garbage of a connect burst, both count the heap that
 * idle sockets' pings keep churning.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { issueRealtimeToken } from "@parley/api/realtime/realtime-token";
import { openBenchPool } from "../lib/database.ts";
import { seedChannels } from "../lib/fixtures.ts";
import type { ScenarioResult } from "../lib/results.ts";
import { BENCH_ORIGIN, forkClient, nextMessage, startRealtimeNode, stopProcess } from "../lib/processes.ts";
import type { Scenario, ScenarioContext } from "../lib/scenario.ts";
import { readNodeMemory, sampleWindow, waitForSettledMemory, type MemoryWindow, type NodeMemory, type SettledMemory } from "../lib/node-memory.ts";
import { ProcessGroupMeter } from "../lib/stats.ts";

const CLIENT_PROCESSES = 2;
// fds the node needs besides sockets (listeners, pipes, Postgres/Redis, libuv).
const FD_HEADROOM = 200;
// The settle waits and windows are bounded by the run's own budgets (quick under 3 min, full under 20 min,
// each for every scenario): a phase that has not settled by then says so in the note.
const SIZES = {
  quick: { sockets: 5_000, warmupSockets: 500, settleDeadlineSeconds: 20, windowSeconds: 8 },
  // A longer window at full size: there the heap's GC cycle (idle pings and reconciles of ~20k sockets) spans tens of seconds.
  full: { sockets: 50_000, warmupSockets: 2_000, settleDeadlineSeconds: 45, windowSeconds: 20 },
};

function limitFor(target: number): { sockets: number; reason: string | null } {
  const fdLimit = Number(/Max open files\s+(\d+)/.exec(readFileSync("/proc/self/limits", "utf8"))?.[1] ?? target);
  const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number) as [number, number];
  const bound = Math.min(fdLimit - FD_HEADROOM, high - low);
  if (target <= bound) return { sockets: target, reason: null };
  return { sockets: bound, reason: `capped at ${bound} by the fd limit (${fdLimit}) / ephemeral ports (${high - low}) of this box` };
}

interface OpenReport {
  ready: number;
  failed: number;
  firstError: string | null;
}

/** Opens `count` more sockets, split over the client processes; resolves with the sockets open in all. */
async function openSockets(clients: readonly ChildProcess[], order: { url: string; token: string }, count: number): Promise<OpenReport> {
  const perClient = Math.ceil(count / clients.length);
  const reports = await Promise.all(
    clients.map((client, index) => {
      client.send({
        type: "open",
        url: order.url,
        origin: BENCH_ORIGIN,
        token: order.token,
        count: Math.max(0, Math.min(perClient, count - index * perClient)),
        concurrency: 100,
      });
      return nextMessage<OpenReport>(client, "opened", 600_000);
    }),
  );
  return {
    ready: reports.reduce((sum, report) => sum + report.ready, 0),
    failed: reports.reduce((sum, report) => sum + report.failed, 0),
    firstError: reports.find((report) => report.firstError)?.firstError ?? null,
  };
}

async function countOpen(clients: readonly ChildProcess[]): Promise<number> {
  const counts = await Promise.all(
    clients.map((client) => {
      client.send({ type: "count" });
      return nextMessage<{ open: number }>(client, "count", 30_000);
    }),
  );
  return counts.reduce((sum, count) => sum + count.open, 0);
}

const megabytes = (bytes: number) => bytes / 1024 / 1024;
const perSocketKb = (held: MemoryWindow, warm: MemoryWindow, key: keyof NodeMemory, added: number) =>
  added > 0 ? (held[key] - warm[key]) / added / 1024 : Number.NaN;

/** Waits (bounded) for the node to settle, then averages its figures over the window. */
async function settledWindow(httpUrl: string, size: (typeof SIZES)["quick"]): Promise<{ settle: SettledMemory; window: MemoryWindow }> {
  const settle = await waitForSettledMemory(httpUrl, size.settleDeadlineSeconds * 1000);
  return { settle, window: await sampleWindow(httpUrl, size.windowSeconds * 1000) };
}

function describeWindow(label: string, { settle, window }: { settle: SettledMemory; window: MemoryWindow }, deadlineSeconds: number): string {
  const settled = settle.isSettled
    ? `settled after ${settle.majorGcsSeen} major GCs in ${(settle.waitedMs / 1000).toFixed(0)} s`
    : `NOT settled within ${deadlineSeconds} s (${settle.majorGcsSeen} major GCs; the window includes garbage V8 had not given back)`;
  return `${label} ${settled}, then RSS ${megabytes(window.minRssBytes).toFixed(0)}–${megabytes(window.maxRssBytes).toFixed(0)} MB over ${window.samples} samples`;
}

async function run(context: ScenarioContext): Promise<ScenarioResult> {
  const size = SIZES[context.mode];
  const { sockets: target, reason } = limitFor(size.sockets);
  const secret = randomBytes(32).toString("hex");
  // A real, active user (the node refuses tokens of unknown or deactivated users); every socket is one of their tabs.
  const pool = openBenchPool(context.databaseUrl, 1);
  const [channel] = await seedChannels(pool, [1]);
  await pool.end();
  const userId = channel?.memberIds[0] as string;
  const node = await startRealtimeNode({ secret, databaseUrl: context.databaseUrl });
  const clients: ChildProcess[] = [];
  context.onCleanup(async () => {
    await Promise.all(clients.map((client) => stopProcess(client, 2_000)));
    await node.stop();
  });
  const httpUrl = `http://127.0.0.1:${node.port}`;
  const idle = await readNodeMemory(httpUrl);
  const order = { url: node.url, token: issueRealtimeToken(secret, userId) };
  for (let index = 0; index < CLIENT_PROCESSES; index += 1) clients.push(forkClient("idle-sockets.ts"));

  const warmupOpened = await openSockets(clients, order, size.warmupSockets);
  const warmed = await settledWindow(httpUrl, size);
  const warm = warmed.window;
  const warmHeld = await countOpen(clients);
  context.log(
    `connections: warm-up ${warmHeld} sockets, node RSS ${megabytes(warm.rssBytes).toFixed(0)} MB (${megabytes(idle.rssBytes).toFixed(0)} MB with none)`,
  );

  const meter = new ProcessGroupMeter("realtime node", () => [node.child.pid as number]);
  await meter.begin();
  const started = performance.now();
  const opened = await openSockets(clients, order, target - size.warmupSockets);
  const connectSeconds = (performance.now() - started) / 1000;
  const connected = opened.ready - warmHeld;
  context.log(`connections: ${connected} more ready in ${connectSeconds.toFixed(1)}s; holding them until the node's memory settles`);
  const holding = await settledWindow(httpUrl, size);
  const held = holding.window;
  const heldCount = await countOpen(clients);
  const usage = await meter.end();
  const added = heldCount - warmHeld;
  const failed = warmupOpened.failed + opened.failed;
  const firstError = warmupOpened.firstError ?? opened.firstError;
  const gcNote = `${describeWindow("warm-up", warmed, size.settleDeadlineSeconds)}; ${describeWindow("all", holding, size.settleDeadlineSeconds)}`;
  return {
    scenario: "connections",
    status: "ok",
    note: `target ${target} sockets on 1 node from ${CLIENT_PROCESSES} client processes; per socket = (mean holding ${heldCount} − mean holding a warm-up of ${warmHeld}) / ${added}; ${gcNote}; ${failed} failed${firstError ? ` (first: ${firstError})` : ""}${reason ? `; ${reason}` : ""}`,
    metrics: [
      { name: "sockets held per node", value: heldCount, unit: "sockets", budget: { on: "value", op: ">=", limit: 50_000 } },
      { name: "RSS per socket", value: perSocketKb(held, warm, "rssBytes", added), unit: "KB", budget: { on: "value", op: "<=", limit: 15 } },
      { name: "V8 heap used per socket", value: perSocketKb(held, warm, "heapUsedBytes", added), unit: "KB" },
      { name: "external memory per socket", value: perSocketKb(held, warm, "externalBytes", added), unit: "KB" },
      { name: "connect+hello rate", value: connected / connectSeconds, unit: "sockets/s" },
      { name: "node RSS holding them", value: megabytes(held.rssBytes), unit: "MB" },
      { name: "node RSS with no socket", value: megabytes(idle.rssBytes), unit: "MB" },
    ],
    processes: [usage],
  };
}

export const connectionsScenario: Scenario = {
  name: "connections",
  description: "idle authenticated sockets held per realtime node and RSS per socket (≥ 50,000, ≤ 15 KB)",
  run,
};
