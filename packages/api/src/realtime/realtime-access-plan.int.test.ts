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
import { crowdWorkspace } from "../testing/crowded-workspace.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { activeParticipantsStatement, socketAccessStatement } from "./realtime-access.repository.ts";

const context = personaDatabaseForThisFile();

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
    const literals = statement.values.map((value) =>
      Array.isArray(value) ? client.escapeLiteral(`{${value.join(",")}}`) : client.escapeLiteral(String(value)),
    );
    const explained = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}(${literals.join(", ")})`);
    const read = rowsReadByTable((explained.rows[0]?.["QUERY PLAN"][0] as { Plan: PlanNode }).Plan);
    return Object.fromEntries(Object.entries(read).filter(([table, rows]) => ["Participant", "Membership", "User"].includes(table) && rows > limit));
  }

  beforeAll(async () => {
    client = new pg.Client({ connectionString: context.database.url });
    await client.connect();
    const crowd = await crowdWorkspace(client, context.people.workspaceId);
    userIds = crowd.userIds;
    busiestChannelId = crowd.channelIds[0] as string;
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
