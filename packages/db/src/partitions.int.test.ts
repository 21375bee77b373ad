import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessageIdGenerator, messageIdFloor } from "./ids.ts";
import { ensureMessagePartitions, migrate } from "./migrate.ts";
import { createTestDatabase, type TestDatabase } from "./testing/database.ts";

// migrate() keeps partitions from one month back to three ahead of the current month.
const now = new Date();
const monthStart = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
const partitionOf = (offset: number) => {
  const month = monthStart(offset);
  return `Message_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
};
const tenDaysInto = (offset: number) => new Date(monthStart(offset).getTime() + 10 * 86_400_000);

let database: TestDatabase;
let client: pg.Client;
let conversationIds: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  const workspace = await database.prisma.workspace.create({ data: { slug: "acme", name: "Acme" } });
  conversationIds = [];
  for (let i = 0; i < 21; i++) {
    const conversation = await database.prisma.conversation.create({
      data: { workspaceId: workspace.id, kind: "channel", name: `channel-${i}` },
    });
    conversationIds.push(conversation.id);
  }
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function partitionsOf(ids: bigint[]): Promise<string[]> {
  const result = await client.query<{ id: string; partition: string }>(
    `SELECT id, tableoid::regclass::text AS partition FROM "Message" WHERE id = ANY($1::bigint[])`,
    [ids.map(String)],
  );
  const partitionById = new Map(result.rows.map((row) => [row.id, row.partition.replaceAll('"', "")]));
  return ids.map((id) => partitionById.get(String(id)) ?? "missing");
}

async function plan(sql: string, params: unknown[]): Promise<string> {
  const result = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
  return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("message partitions", () => {
  it("compute the same id floor in SQL as ids.ts", async () => {
    const dates = [
      "2024-01-01T00:00:00.000Z",
      "2024-02-29T12:34:56.789Z",
      "2026-11-01T00:00:00.000Z",
      "2038-01-19T03:14:08.001Z",
      "2093-06-30T23:59:59.999Z",
    ].map((iso) => new Date(iso));
    for (const date of dates) {
      const result = await client.query<{ floor: string }>("SELECT parley_message_id_floor($1::timestamptz) AS floor", [date.toISOString()]);
      expect(BigInt(result.rows[0]!.floor), date.toISOString()).toBe(messageIdFloor(date));
    }
    await expect(client.query("SELECT parley_message_id_floor('2023-12-31T23:59:59Z')")).rejects.toThrow(/before the id epoch/);
  });

  it("store each month in its own partition, and a month without one in Message_default", async () => {
    const ids = createMessageIdGenerator(5);
    const conversationId = conversationIds[0]!;
    const monthIds = [-1, 0, 1].map((offset) => ids.next(tenDaysInto(offset)));
    const farId = ids.next(tenDaysInto(8));
    const allIds = [...monthIds, farId];
    for (const [index, id] of allIds.entries()) {
      await client.query(`INSERT INTO "Message" (id, "conversationId", seq, body) VALUES ($1, $2, $3, $4)`, [
        String(id),
        conversationId,
        index + 1,
        `message ${index + 1}`,
      ]);
    }
    expect(await partitionsOf(allIds)).toEqual([partitionOf(-1), partitionOf(0), partitionOf(1), "Message_default"]);

    // Creating the far month's partition moves its row out of the default one.
    expect(await ensureMessagePartitions(database.url, 8)).toBe(5);
    expect(await partitionsOf([farId])).toEqual([partitionOf(8)]);
    expect(await ensureMessagePartitions(database.url, 8)).toBe(0);
    const moved = await client.query(`SELECT seq, body, "bodyTsv"::text AS tsv FROM "Message" WHERE id = $1`, [String(farId)]);
    expect(moved.rows).toEqual([{ seq: "4", body: "message 4", tsv: "'4':2 'messag':1" }]);
  });

  it("serve a history page from the per-partition (conversationId, seq) indexes and prune by id", async () => {
    // 20 conversations x 1,000 messages in each of three months, seq rising with time.
    const bulkConversations = conversationIds.slice(1);
    for (const [monthIndex, offset] of [-1, 0, 1].entries()) {
      await client.query(
        `INSERT INTO "Message" (id, "conversationId", seq, body)
         SELECT $1::bigint + (c.n * 1000 + k) * 4194304, c.id, $2::int * 1000 + k, 'bulk ' || k
         FROM unnest($3::uuid[]) WITH ORDINALITY AS c(id, n), generate_series(1, 1000) AS k`,
        [String(messageIdFloor(tenDaysInto(offset))), monthIndex, bulkConversations],
      );
    }
    await client.query(`ANALYZE "Message"`);

    const history = `SELECT id, seq, body FROM "Message" WHERE "conversationId" = $1 AND seq < $2 ORDER BY seq DESC LIMIT 50`;
    const conversationId = bulkConversations[7]!;
    const page = await client.query<{ seq: string }>(history, [conversationId, 2500]);
    expect(page.rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 50 }, (_, i) => 2499 - i));

    const fullPlan = await plan(history, [conversationId, 2500]);
    expect(fullPlan).toMatch(/Merge Append/);
    for (const offset of [-1, 0, 1]) {
      expect(fullPlan).toContain(`Index Scan Backward using "${partitionOf(offset)}_conversationId_seq_idx"`);
    }
    // Rows come out of the indexes already in order: no scan of whole partitions, no sort step.
    expect(fullPlan).not.toMatch(/Seq Scan|->\s+Sort\s/);

    // With the cursor's id bound, months from the current one on are not even planned.
    const prunedPlan = await plan(`SELECT id, seq, body FROM "Message" WHERE "conversationId" = $1 AND seq < $2 AND id < $3 ORDER BY seq DESC LIMIT 50`, [
      conversationId,
      1500,
      String(messageIdFloor(monthStart(0))),
    ]);
    expect(prunedPlan).toContain(`"${partitionOf(-1)}_conversationId_seq_idx"`);
    for (const offset of [0, 1, 2, 3]) expect(prunedPlan).not.toContain(partitionOf(offset));
  });

  it("give up creating a partition while a long query holds the table, and migrate only warns", async () => {
    // A missing partition inside migrate()'s range, so both calls below need the table lock.
    await client.query(`DROP TABLE "${partitionOf(3)}"`);
    const longReader = new pg.Client({ connectionString: database.url });
    await longReader.connect();
    try {
      await longReader.query(`BEGIN; SELECT count(*) FROM "Message"`);
      const startedAt = Date.now();
      await expect(ensureMessagePartitions(database.url, 3)).rejects.toThrow(/lock timeout/);
      expect(Date.now() - startedAt).toBeLessThan(10_000);

      const lines: string[] = [];
      await expect(migrate(database.url, { log: (line) => lines.push(line) })).resolves.toEqual({ applied: [] });
      expect(lines.some((line) => line.startsWith("warning: message partitions not checked"))).toBe(true);
    } finally {
      await longReader.end();
    }
    // Once the reader is gone the partition is created.
    expect(await ensureMessagePartitions(database.url, 3)).toBe(1);
  });
});
