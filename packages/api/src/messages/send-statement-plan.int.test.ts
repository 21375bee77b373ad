/**
 * The plan a pooled connection settles on for the send statement (the generic
 * plan, after 5 executions) must reach its rows by key however large the
 * tables are. Joined only to the grouped batch, Postgres 18's generic plan
 * once hashed it against a sequential scan of Participant and Conversation,
 * once per statement: every send read every participant of the deployment.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crowdWorkspace } from "../testing/crowded-workspace.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { sendStatement, type ClaimedMessage } from "./send-statement.sql.ts";
import { claimedMessage } from "./testing/claimed-message.ts";

const context = personaDatabaseForThisFile();

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
  const mentioningBatch: ClaimedMessage[] = [];

  beforeAll(async () => {
    client = new pg.Client({ connectionString: context.database.url });
    await client.connect();
    // As many people as the delivery benchmark seeds: enough rows that a scan is the planner's cheaper guess for a hash join.
    const { userIds, channelIds } = await crowdWorkspace(client, context.people.workspaceId);
    await client.query("ANALYZE");
    for (let index = 0; index < 16; index += 1) {
      batch.push(claimedMessage(channelIds[index % 8] as string, userIds[index] as string, { body: "plan check" }));
      mentioningBatch.push(claimedMessage(channelIds[index % 8] as string, userIds[index] as string, { body: "plan check @someone @here" }));
    }
  });
  afterAll(async () => {
    await client?.end();
  });

  // A batch that mentions someone runs a second statement, with the `mentioned` fragment (send-statement.sql.ts).
  it.each([
    ["a batch that mentions nobody", "plain", () => batch],
    ["a batch with mentions", "mentioning", () => mentioningBatch],
  ])("reads Participant, Membership and User (the tables that grow with people) by key, never by a sequential scan: %s", async (_label, name, batchOf) => {
    const statement = sendStatement(batchOf(), { ids: [1n, 2n], publishedAt: new Date(), onError: () => undefined });
    await client.query("SET plan_cache_mode = force_generic_plan");
    await client.query(`PREPARE send_statement_${name} AS ${statement.text}`);
    const literals = statement.values.map((value) => (value === null ? "NULL" : client.escapeLiteral(String(value))));
    const explained = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON) EXECUTE send_statement_${name}(${literals.join(", ")})`,
    );
    const relations = JSON.stringify(explained.rows[0]?.["QUERY PLAN"]);
    expect(relations.includes('"Relation Name":"Mention"'), "the Mention insert is in the statement").toBe(name === "mentioning");
    const scanned = scannedRelations((explained.rows[0]?.["QUERY PLAN"][0] as { Plan: PlanNode }).Plan);
    // Conversation and Outbox are a few pages here: scanning them is the planner's fair choice at this size.
    expect(scanned.filter((relation) => ["Participant", "Membership", "User"].includes(relation))).toEqual([]);
  });
});
