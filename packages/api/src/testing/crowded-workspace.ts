/**
 * A workspace as large as the delivery benchmark's, for tests that pin a
 * statement's generic plan: the planner only prefers a sequential scan to a
 * lookup by key once the tables that grow with people hold many rows.
 */
import type pg from "pg";

/** About what the delivery benchmark seeds. */
export const CROWD = { users: 11_000, channels: 380 };

/**
 * Adds `users` members and `channels` channels to the workspace in a few
 * statements: each member in one channel, and the first channel with a
 * thousand members more (a skewed table, as real ones are). Statistics are
 * left as they are: a test decides whether to ANALYZE.
 */
export async function crowdWorkspace(client: pg.Client, workspaceId: string, counts = CROWD): Promise<{ userIds: string[]; channelIds: string[] }> {
  const users = await client.query<{ id: string }>(
    `INSERT INTO "User" ("email", "name") SELECT 'crowd-' || i || '@example.test', 'Crowd Member ' || i FROM generate_series(1, $1::int) AS i RETURNING "id"`,
    [counts.users],
  );
  const userIds = users.rows.map((row) => row.id);
  await client.query(`INSERT INTO "Membership" ("workspaceId", "userId", "role") SELECT $1, unnest($2::uuid[]), 'member'`, [workspaceId, userIds]);
  const channels = await client.query<{ id: string }>(
    `INSERT INTO "Conversation" ("workspaceId", "kind", "name", "createdById") SELECT $1, 'channel', 'crowd-' || i, $2 FROM generate_series(1, $3::int) AS i RETURNING "id"`,
    [workspaceId, userIds[0], counts.channels],
  );
  const channelIds = channels.rows.map((row) => row.id);
  await client.query(
    `INSERT INTO "Participant" ("conversationId", "userId")
     SELECT ($1::uuid[])[1 + (n % $3::int)], u FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, n)
     UNION SELECT ($1::uuid[])[1], u FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, n) WHERE n <= 1000`,
    [channelIds, userIds, counts.channels],
  );
  return { userIds, channelIds };
}
