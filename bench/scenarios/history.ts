/**
 * (6) history: one conversation with N messages generated in-database
 * (generate_series, spread over ~10 monthly partitions, ids from the real
 * id layout), then the newest page and a page `depth` messages back through
 * the real listMessages service (access check + the page query).
 * Budget: p99 ≤ 10 ms for both. Baseline: the bare page SELECT by pg, same run.
 */
import { listMessages } from "@parley/api/messages/message-history.service";
import { createPrismaClient } from "@parley/db/client";
import type pg from "pg";
import { openBenchPool, postgresBackendPids } from "../lib/database.ts";
import { createBenchChannel, createBenchWorkspace } from "../lib/fixtures.ts";
import { createBenchPorts } from "../lib/ports.ts";
import type { Metric, ScenarioResult } from "../lib/results.ts";
import type { Scenario, ScenarioContext } from "../lib/scenario.ts";
import { ProcessGroupMeter, summarise } from "../lib/stats.ts";

const SIZES = {
  quick: { messages: 500_000, depth: 100_000, iterations: 300 },
  full: { messages: 10_000_000, depth: 1_000_000, iterations: 1_000 },
};
const MONTHS = 10;
const PAGE = 50;
const BATCH = 500_000;
// Concurrent INSERT … SELECT statements: one per core of the box this is sized for (to_tsvector and the GIN index are CPU-bound).
const WRITERS = 2;
const WARMUP = 30;

async function generateMessages(pool: pg.Pool, conversationId: string, senderId: string, total: number, log: (line: string) => void) {
  // Partitions for the months the rows fall in (the migration keeps only 1 back).
  await pool.query("SELECT parley_ensure_message_partitions($1::int, 1)", [MONTHS + 1]);
  const spanMs = MONTHS * 30 * 24 * 3600 * 1000;
  const start = Date.now() - spanMs;
  let generated = 0;
  // Each writer takes a contiguous half of the seqs, so the two write different monthly partitions (and their indexes).
  const writer = async (from: number, to: number) => {
    for (let first = from; first <= to; first += BATCH) {
      const last = Math.min(to, first + BATCH - 1);
      // seq i at start + i·step: oldest first, ids strictly increasing with time (the low bits keep equal ms apart).
      await pool.query(
        `INSERT INTO "Message" ("id", "conversationId", "seq", "senderId", "body", "kind", "createdAt")
         SELECT parley_message_id_floor(ts) + (i % 4096), $1::uuid, i, $2::uuid, 'history message number ' || i, 'user', ts
         FROM generate_series($3::bigint, $4::bigint) AS i,
              LATERAL (SELECT to_timestamp(($5::bigint + i * $6::double precision) / 1000.0) AS ts) AS t`,
        [conversationId, senderId, first, last, start, spanMs / total],
      );
      generated += last - first + 1;
      log(`history: generated ${generated.toLocaleString("en")} / ${total.toLocaleString("en")}`);
    }
  };
  const perWriter = Math.ceil(total / WRITERS);
  await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index * perWriter + 1, Math.min(total, (index + 1) * perWriter))));
  await pool.query(`UPDATE "Conversation" SET "lastSeq" = $2, "lastMessageAt" = now() WHERE "id" = $1`, [conversationId, total]);
  await pool.query(`ANALYZE "Message"`);
}

async function time(iterations: number, query: () => Promise<unknown>): Promise<number[]> {
  for (let index = 0; index < WARMUP; index += 1) await query();
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const before = performance.now();
    await query();
    samples.push(performance.now() - before);
  }
  return samples;
}

async function run(context: ScenarioContext): Promise<ScenarioResult> {
  const size = SIZES[context.mode];
  const prisma = createPrismaClient(context.databaseUrl);
  const pool = openBenchPool(context.databaseUrl, WRITERS);
  context.onCleanup(async () => {
    await prisma.$disconnect();
    await pool.end();
  });
  const ports = createBenchPorts(prisma);
  const workspace = await createBenchWorkspace(prisma, 2);
  const conversationId = await createBenchChannel(ports, workspace, "history");
  const reader = { userId: workspace.userIds[1] as string };
  const generateStarted = performance.now();
  await generateMessages(pool, conversationId, workspace.userIds[0] as string, size.messages, context.log);
  const generateSeconds = (performance.now() - generateStarted) / 1000;

  const before = size.messages - size.depth;
  const newestPage = await listMessages(ports, reader, { conversationId, limit: PAGE });
  const deepPage = await listMessages(ports, reader, { conversationId, before, limit: PAGE });
  if (newestPage.messages.at(-1)?.seq !== size.messages || deepPage.messages.at(-1)?.seq !== before - 1 || deepPage.messages.length !== PAGE) {
    throw new Error("history: the pages returned are not the expected seq ranges");
  }

  const meters = [
    new ProcessGroupMeter("bench process (service)", () => [process.pid]),
    new ProcessGroupMeter("postgres backends", () => postgresBackendPids(pool)),
  ];
  await Promise.all(meters.map((meter) => meter.begin()));
  const newest = await time(size.iterations, () => listMessages(ports, reader, { conversationId, limit: PAGE }));
  const deep = await time(size.iterations, () => listMessages(ports, reader, { conversationId, before, limit: PAGE }));
  const usage = await Promise.all(meters.map((meter) => meter.end()));
  const bareDeep = await time(size.iterations, () =>
    pool.query(`SELECT * FROM "Message" WHERE "conversationId" = $1 AND "seq" < $2 ORDER BY "seq" DESC LIMIT $3`, [conversationId, before, PAGE + 1]),
  );

  const newestSummary = summarise(newest);
  const deepSummary = summarise(deep);
  const budget = { on: "value", op: "<=", limit: 10 } as const;
  const metrics: Metric[] = [
    { name: "newest page p50", value: newestSummary.p50, unit: "ms" },
    { name: "newest page p99", value: newestSummary.p99, unit: "ms", budget },
    { name: `page ${size.depth.toLocaleString("en")} back p50`, value: deepSummary.p50, unit: "ms" },
    {
      name: `page ${size.depth.toLocaleString("en")} back p99`,
      value: deepSummary.p99,
      unit: "ms",
      baseline: { name: "bare SELECT p99", value: summarise(bareDeep).p99 },
      budget,
    },
    { name: "generation rate", value: size.messages / generateSeconds, unit: "rows/s" },
  ];
  return {
    scenario: "history",
    status: "ok",
    note: `${size.messages.toLocaleString("en")} messages over ${MONTHS} monthly partitions, pages of ${PAGE}, ${size.iterations} reads each`,
    metrics,
    processes: usage,
    latency: [
      { label: "newest page", samplesMs: newest },
      { label: `${size.depth.toLocaleString("en")} back`, samplesMs: deep },
      { label: "bare SELECT (deep)", samplesMs: bareDeep },
    ],
  };
}

export const historyScenario: Scenario = {
  name: "history",
  description: "newest page and a page 1M messages back over 10M generated messages, p99 ≤ 10 ms",
  run,
};
