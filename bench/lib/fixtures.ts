/** Workspaces, users and channels for a scenario: through the real services where few, by bulk SQL where thousands. */
import { randomUUID } from "node:crypto";
import { createChannel } from "@parley/api/conversations/conversations.service";
import type { ServicePorts } from "@parley/api/ports";
import type { PrismaClient } from "@parley/db/client";
import type pg from "pg";

export interface BenchWorkspace {
  workspaceId: string;
  userIds: string[];
}

/** A workspace whose first user is the owner and the rest members. */
export async function createBenchWorkspace(db: PrismaClient, userCount: number): Promise<BenchWorkspace> {
  const suffix = randomUUID().slice(0, 8);
  const workspace = await db.workspace.create({ data: { slug: `bench-${suffix}`, name: "Bench" }, select: { id: true } });
  const userIds: string[] = [];
  for (let index = 0; index < userCount; index += 1) {
    const user = await db.user.create({ data: { name: `Bench User ${index}`, email: `bench-${suffix}-${index}@example.test` }, select: { id: true } });
    await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: index === 0 ? "owner" : "member" } });
    userIds.push(user.id);
  }
  return { workspaceId: workspace.id, userIds };
}

/** A public channel created by the owner with every user of the workspace in it. */
export async function createBenchChannel(ports: ServicePorts, workspace: BenchWorkspace, name: string): Promise<string> {
  const [ownerId, ...memberIds] = workspace.userIds;
  if (!ownerId) throw new Error("a bench workspace needs at least one user");
  const channel = await createChannel(ports, { userId: ownerId }, { workspaceId: workspace.workspaceId, name, isPrivate: false, memberIds });
  return channel.id;
}

export interface SeededChannel {
  conversationId: string;
  /** Every member, in join order; the scenario decides who sends. */
  memberIds: string[];
}

/**
 * One workspace and a public channel per entry of `channelSizes`, each with
 * its own fresh members (a user is in exactly one channel), written by bulk
 * SQL: 10,000 users through the services one by one would take minutes.
 * The rows are the ones the services would write (active membership, participant).
 */
export async function seedChannels(pool: pg.Pool, channelSizes: readonly number[]): Promise<SeededChannel[]> {
  const suffix = randomUUID().slice(0, 8);
  const users = channelSizes.reduce((sum, size) => sum + size, 0);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const workspace = await client.query<{ id: string }>(`INSERT INTO "Workspace" ("slug", "name") VALUES ($1, 'Bench') RETURNING "id"`, [`bench-${suffix}`]);
    const workspaceId = workspace.rows[0]?.id as string;
    const created = await client.query<{ id: string }>(
      `INSERT INTO "User" ("email", "name")
       SELECT 'bench-' || $1 || '-' || i || '@example.test', 'Bench User ' || i FROM generate_series(1, $2::int) AS i
       ORDER BY i RETURNING "id"`,
      [suffix, users],
    );
    const userIds = created.rows.map((row) => row.id);
    await client.query(`INSERT INTO "Membership" ("workspaceId", "userId", "role") SELECT $1, unnest($2::uuid[]), 'member'`, [workspaceId, userIds]);
    const channels: SeededChannel[] = [];
    let next = 0;
    for (const [index, size] of channelSizes.entries()) {
      const memberIds = userIds.slice(next, next + size);
      next += size;
      const conversation = await client.query<{ id: string }>(
        `INSERT INTO "Conversation" ("workspaceId", "kind", "name", "createdById") VALUES ($1, 'channel', $2, $3) RETURNING "id"`,
        [workspaceId, `bench-${index}`, memberIds[0]],
      );
      const conversationId = conversation.rows[0]?.id as string;
      await client.query(`INSERT INTO "Participant" ("conversationId", "userId") SELECT $1, unnest($2::uuid[])`, [conversationId, memberIds]);
      channels.push({ conversationId, memberIds });
    }
    await client.query("COMMIT");
    return channels;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
