/**
 * (3) throughput: sustained persisted sends/s through the real sendMessage
 * service (lock, seq, idempotency claim, outbox, read mark, one transaction)
 * with concurrent senders over several conversations, against the ceiling of
 * raw `pg` INSERTs of the same rows into the same partitioned "Message" table,
 * same run, same concurrency. Budget: ratio ≥ 50%.
 *
 * Each side runs untimed for a warm-up (new backends, plans) before its timed
 * window. Statistics are left to autovacuum, as in production: an ANALYZE
 * taken here, while the scenario's tables are still empty, makes the send
 * statement's generic plan (settled on the 6th execution and then kept by
 * the connection) scan those tables sequentially, and a 20 s run grows them
 * long before autovacuum would re-analyze; production re-analyzes within
 * about a minute of such growth.
 */
import { randomUUID } from "node:crypto";
import { sendMessage } from "@parley/api/messages/messages.service";
import { createPrismaClient } from "@parley/db/client";
import { createMessageIdGenerator } from "@parley/db/ids";
import { openBenchPool, postgresBackendPids } from "../lib/database.ts";
import { createBenchChannel, createBenchWorkspace, seedChannels } from "../lib/fixtures.ts";
import { createBenchPorts } from "../lib/ports.ts";
import type { ScenarioResult } from "../lib/results.ts";
import type { Scenario, ScenarioContext } from "../lib/scenario.ts";
import { ProcessGroupMeter, summarise } from "../lib/stats.ts";

const SIZES = {
  quick: { seconds: 6, warmupSeconds: 1, senders: 8, conversations: 4 },
  full: { seconds: 20, warmupSeconds: 2, senders: 16, conversations: 8 },
};
// The rest of the deployment: with only the scenario's own conversations, "Conversation" would be a
// page or two, and once autovacuum has analyzed it, Postgres checks Message's foreign key by scanning that
// page, which every send rewrites (lastSeq): 30 µs per message against 4 by index, a fifth of the sends/s.
// Any deployment with a few hundred conversations (the full run has ~400 by now) gets the index; so does this one.
const OTHER_CONVERSATIONS = 300;
// Prisma's adapter uses node-postgres' default pool (10 connections): the ceiling gets the same.
const POOL_SIZE = 10;

interface Phase {
  sends: number;
  seconds: number;
  latencyMs: number[];
  /** Each sender's next n: where a following phase continues (the ceiling's seqs must stay unique). */
  nextBySender: number[];
}

/** Runs `once` untimed for the warm-up, then for the timed window. */
async function runSide(size: (typeof SIZES)["quick"], once: (sender: number, n: number) => Promise<void>): Promise<{ timed: Phase; warmupSends: number }> {
  const warmup = await runPhase(size.senders, size.warmupSeconds, once);
  const timed = await runPhase(size.senders, size.seconds, once, warmup.nextBySender);
  return { timed, warmupSends: warmup.sends };
}

/** Runs `senders` loops for `seconds`; each call of `once(sender, n)` is one persisted message, n counting on from `startBySender`. */
async function runPhase(
  senders: number,
  seconds: number,
  once: (sender: number, n: number) => Promise<void>,
  startBySender: readonly number[] = [],
): Promise<Phase> {
  const latencyMs: number[] = [];
  const nextBySender = Array.from({ length: senders }, (_, sender) => startBySender[sender] ?? 0);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let sends = 0;
  await Promise.all(
    Array.from({ length: senders }, async (_, sender) => {
      while (performance.now() < deadline) {
        const before = performance.now();
        await once(sender, nextBySender[sender]!);
        latencyMs.push(performance.now() - before);
        nextBySender[sender]! += 1;
        sends += 1;
      }
    }),
  );
  return { sends, seconds: (performance.now() - started) / 1000, latencyMs, nextBySender };
}

async function run(context: ScenarioContext): Promise<ScenarioResult> {
  const size = SIZES[context.mode];
  const prisma = createPrismaClient(context.databaseUrl);
  const pool = openBenchPool(context.databaseUrl, POOL_SIZE);
  context.onCleanup(async () => {
    await prisma.$disconnect();
    await pool.end();
  });
  const ports = createBenchPorts(prisma);
  await seedChannels(
    pool,
    Array.from({ length: OTHER_CONVERSATIONS }, () => 3),
  );
  const workspace = await createBenchWorkspace(prisma, size.senders);
  const conversations: string[] = [];
  for (let index = 0; index < size.conversations; index += 1) conversations.push(await createBenchChannel(ports, workspace, `throughput-${index}`));
  const ceilingConversations: string[] = [];
  for (let index = 0; index < size.senders; index += 1) ceilingConversations.push(await createBenchChannel(ports, workspace, `ceiling-${index}`));
  const body = "The quick brown fox jumps over the lazy dog, benchmark message";

  const meters = [
    new ProcessGroupMeter("bench process (service)", () => [process.pid]),
    new ProcessGroupMeter("postgres backends", () => postgresBackendPids(pool)),
  ];
  context.log(
    `throughput: sendMessage, ${size.senders} senders over ${size.conversations} conversations for ${size.seconds}s after ${size.warmupSeconds}s of warm-up`,
  );
  // Metered from the warm-up on: the CPU figures are per process, not per message.
  await Promise.all(meters.map((meter) => meter.begin()));
  const { timed: service, warmupSends: serviceWarmupSends } = await runSide(size, async (sender, n) => {
    await sendMessage(
      ports,
      { userId: workspace.userIds[sender] as string },
      {
        conversationId: conversations[sender % conversations.length] as string,
        clientMessageId: randomUUID(),
        body: `${body} ${n}`,
      },
    );
  });
  const usage = await Promise.all(meters.map((meter) => meter.end()));

  // The ceiling: the same rows (id from the same generator, seq, sender, body) by plain INSERT, one conversation per sender so seqs are local.
  const ids = createMessageIdGenerator();
  context.log(`throughput: raw pg INSERT ceiling, ${size.senders} senders for ${size.seconds}s after ${size.warmupSeconds}s of warm-up`);
  const { timed: ceiling } = await runSide(size, async (sender, n) => {
    const now = new Date();
    await pool.query(`INSERT INTO "Message" ("id", "conversationId", "seq", "senderId", "body", "kind", "createdAt") VALUES ($1, $2, $3, $4, $5, 'user', $6)`, [
      ids.next(now).toString(),
      ceilingConversations[sender],
      n + 1,
      workspace.userIds[sender],
      `${body} ${n}`,
      now,
    ]);
  });

  const stored = await pool.query<{ count: string }>(`SELECT count(*) FROM "Message" WHERE "conversationId" = ANY($1::uuid[])`, [conversations]);
  const acknowledged = serviceWarmupSends + service.sends;
  if (Number(stored.rows[0]?.count) !== acknowledged) {
    throw new Error(`throughput: ${acknowledged} sends acknowledged but ${stored.rows[0]?.count} messages stored`);
  }
  const serviceRate = service.sends / service.seconds;
  const ceilingRate = ceiling.sends / ceiling.seconds;
  const serviceLatency = summarise(service.latencyMs);
  return {
    scenario: "throughput",
    status: "ok",
    note: `${size.senders} senders, ${size.conversations} conversations, ${size.seconds}s per side timed after ${size.warmupSeconds}s of warm-up; ${acknowledged} sends (${serviceWarmupSends} warm-up) verified stored`,
    metrics: [
      {
        name: "persisted sends/s",
        value: serviceRate,
        unit: "msg/s",
        baseline: { name: "raw pg INSERT", value: ceilingRate },
        budget: { on: "ratio", op: ">=", limit: 0.5 },
      },
      { name: "send p50", value: serviceLatency.p50, unit: "ms" },
      { name: "send p99", value: serviceLatency.p99, unit: "ms", baseline: { name: "INSERT p99", value: summarise(ceiling.latencyMs).p99 } },
    ],
    processes: usage,
    latency: [
      { label: "sendMessage", samplesMs: service.latencyMs },
      { label: "raw INSERT", samplesMs: ceiling.latencyMs },
    ],
  };
}

export const throughputScenario: Scenario = {
  name: "throughput",
  description: "max sustained persisted sends/s via sendMessage vs raw pg INSERT into the same table (≥ 50%)",
  run,
};
