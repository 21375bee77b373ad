/**
 * The plan a pooled connection settles on for the send statement (the generic
 * plan, after 5 executions) must reach its rows by key however large the
 * tables are. Joined only to the grouped batch, Postgres 18's generic plan
 * once hashed it against a sequential scan of Participant and Conversation,
 * once per statement: every send read every participant of the deployment.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { sendStatement, type ClaimedMessage } from "./send-statement.sql.ts";
import { claimedMessage } from "./testing/claimed-message.ts";

const context = personaDatabaseForThisFile();
// About what the delivery benchmark seeds: enough rows that a scan is the planner's cheaper guess for a hash join.
const USERS = 11_000;
const CHANNELS = 380;


interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function scannedRelations(node: PlanNode): string[] {
  const own = node["Node Type"] === "Seq Scan" && node["Relation Name"] ? [node["Relation Name"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scannedRelations)];
}

describe("the send statement's generic plan", () => {
  let client: pg.Client;
  const batch: ClaimedMessage[] = [];

  beforeAll(async () => {
    client = new pg.Client({ connectionString: context.database.url });
    await client.connect();
    const { workspaceId } = context.people;
    const users = await client.query<{ id: string }>(
      `INSERT INTO "User" ("email", "name") SELECT 'plan-' || i || '@example.test', 'Plan User ' || i FROM generate_series(1, $1::int) AS i RETURNING "id"`,
      [USERS],
    );
    const userIds = users.rows.map((row) => row.id);
    await client.query(`INSERT INTO "Membership" ("workspaceId", "userId", "role") SELECT $1, unnest($2::uuid[]), 'member'`, [workspaceId, userIds]);
    const channels = await client.query<{ id: string }>(
      `INSERT INTO "Conversation" ("workspaceId", "kind", "name", "createdById") SELECT $1, 'channel', 'plan-' || i, $2 FROM generate_series(1, $3::int) AS i RETURNING "id"`,
      [workspaceId, userIds[0], CHANNELS],
    );
    const channelIds = channels.rows.map((row) => row.id);
    // Each user in one channel, and the first channel has a thousand members more: a skewed table, as real ones are.
    await client.query(
      `INSERT INTO "Participant" ("conversationId", "userId")
       SELECT ($1::uuid[])[1 + (n % $3::int)], u FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, n)
       UNION SELECT ($1::uuid[])[1], u FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, n) WHERE n <= 1000`,
      [channelIds, userIds, CHANNELS],
    );
    await client.query("ANALYZE");
    for (let index = 0; index < 16; index += 1) batch.push(claimedMessage(channelIds[index % 8] as string, userIds[index] as string, { body: "plan check" }));
  });
  afterAll(async () => {
    await client?.end();
  });

  it("reads Participant, Membership and User (the tables that grow with people) by key, never by a sequential scan", async () => {
    const statement = sendStatement(batch, { ids: [1n, 2n], publishedAt: new Date(), onError: () => undefined });
    await client.query("SET plan_cache_mode = force_generic_plan");
    await client.query(`PREPARE send_statement AS ${statement.text}`);
    const literals = statement.values.map((value) => (value === null ? "NULL" : client.escapeLiteral(String(value))));
    const explained = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) EXECUTE send_statement(${literals.join(", ")})`);
    const scanned = scannedRelations((explained.rows[0]?.["QUERY PLAN"][0] as { Plan: PlanNode }).Plan);
    // Conversation and Outbox are a few pages here: scanning them is the planner's fair choice at this size.
    expect(scanned.filter((relation) => ["Participant", "Membership", "User"].includes(relation))).toEqual([]);
  });
});
