/**
 * The realtime server's access statements run on every socket authentication
 * (socket access) and on every fan-out to a conversation not checked lately:
 * the plan a pooled connection settles on (the generic plan) must reach
 * Participant, Membership and User by key however large they grow, with
 * statistics fresh or missing (right after a bulk import): it reads about as
 * many rows as it answers for, never a workspace's worth. The access rule's
 * join (access-rule.sql.ts, participantTakesPart) is written for this.
 */
import pg from "pg";
import type { Prisma } from "@parley/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { activeParticipantsStatement, socketAccessStatement } from "./realtime-access.repository.ts";

const context = personaDatabaseForThisFile();
// About what the delivery benchmark seeds.
const USERS = 11_000;
const CHANNELS = 380;

interface PlanNode {
  "Relation Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

/** Rows each table's scans produced or filtered away, over all loops. */
function rowsReadByTable(node: PlanNode, into: Record<string, number> = {}): Record<string, number> {
  const table = node["Relation Name"];
  if (table) into[table] = (into[table] ?? 0) + (node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0)) * node["Actual Loops"];
  for (const child of node.Plans ?? []) rowsReadByTable(child, into);
  return into;
}

describe("the realtime access statements' generic plans", () => {
  let client: pg.Client;
  let userIds: string[];
  let busiestChannelId: string;
  let prepared = 0;

  /** The tables that grow with people which the statement's generic plan reads more than `limit` rows of. */
  async function tablesReadBeyond(limit: number, statement: Prisma.Sql): Promise<Record<string, number>> {
    const name = `access_statement_${(prepared += 1)}`;
    await client.query("SET plan_cache_mode = force_generic_plan");
    await client.query(`PREPARE ${name} AS ${statement.text}`);
    const literals = statement.values.map((value) => (Array.isArray(value) ? client.escapeLiteral(`{${value.join(",")}}`) : client.escapeLiteral(String(value))));
    const explained = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}(${literals.join(", ")})`);
    const read = rowsReadByTable((explained.rows[0]?.["QUERY PLAN"][0] as { Plan: PlanNode }).Plan);
    return Object.fromEntries(Object.entries(read).filter(([table, rows]) => ["Participant", "Membership", "User"].includes(table) && rows > limit));
  }

  beforeAll(async () => {
    client = new pg.Client({ connectionString: context.database.url });
    await client.connect();
    const { workspaceId } = context.people;
    const users = await client.query<{ id: string }>(
      `INSERT INTO "User" ("email", "name") SELECT 'access-plan-' || i || '@example.test', 'Plan User ' || i FROM generate_series(1, $1::int) AS i RETURNING "id"`,
      [USERS],
    );
    userIds = users.rows.map((row) => row.id);
    await client.query(`INSERT INTO "Membership" ("workspaceId", "userId", "role") SELECT $1, unnest($2::uuid[]), 'member'`, [workspaceId, userIds]);
    const channels = await client.query<{ id: string }>(
      `INSERT INTO "Conversation" ("workspaceId", "kind", "name", "createdById") SELECT $1, 'channel', 'plan-' || i, $2 FROM generate_series(1, $3::int) AS i RETURNING "id"`,
      [workspaceId, userIds[0], CHANNELS],
    );
    const channelIds = channels.rows.map((row) => row.id);
    busiestChannelId = channelIds[0] as string;
    // Each user in one channel, and the first channel has a thousand members more: a skewed table, as real ones are.
    await client.query(
      `INSERT INTO "Participant" ("conversationId", "userId")
       SELECT ($1::uuid[])[1 + (n % $3::int)], u FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, n)
       UNION SELECT ($1::uuid[])[1], u FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, n) WHERE n <= 1000`,
      [channelIds, userIds, CHANNELS],
    );
  });
  afterAll(async () => {
    await client?.end();
  });

  it.each([
    ["missing", false],
    ["fresh", true],
  ])("reads Participant, Membership and User by key with statistics %s", async (_label, analyze) => {
    if (analyze) await client.query("ANALYZE");
    // Fifty members of the busiest channel: a row or two of each table per member.
    expect(await tablesReadBeyond(100, activeParticipantsStatement(busiestChannelId, userIds.slice(0, 50)))).toEqual({});
    // Two users in at most two channels each.
    expect(await tablesReadBeyond(10, socketAccessStatement(userIds.slice(0, 2)))).toEqual({});
  });
});
