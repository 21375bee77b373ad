/**
 * The membership questions the realtime service asks, each one round trip.
 * "Active participant" is the rule of conversation-access.ts for sockets: a
 * participant row AND an active (not deactivated) membership of the
 * conversation's workspace. Sockets follow only conversations the user has
 * joined; previewing a public channel reads history over tRPC instead.
 */
import { queryRows } from "@parley/db/pooled-rows";
import { Prisma } from "@parley/db/client";
import type { Db } from "../core/database.ts";

/**
 * One row when the user holds an active membership of the conversation's
 * workspace: two lookups by key, one per participant row. Written as a
 * LATERAL … LIMIT 1 so the planner cannot turn it into a join driven by the
 * workspace's whole Membership table, which it did whenever statistics were
 * missing or stale (right after a bulk import or seeding): 10,000 index
 * probes for a 50-member check, 15 ms instead of 0.6.
 */
function activeMembershipOf(conversationId: Prisma.Sql, userId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT 1
    FROM "Conversation" c
    JOIN "Membership" m ON m."workspaceId" = c."workspaceId" AND m."userId" = ${userId} AND m."deactivatedAt" IS NULL
    WHERE c."id" = ${conversationId}
    LIMIT 1`;
}

export interface SocketAccess {
  name: string;
  /** False when the user has no active membership left anywhere (deactivated everywhere). */
  isActive: boolean;
  /** Every conversation whose events the user's sockets should receive. */
  conversationIds: string[];
}

/** What a socket of each user may follow, for many users in one round trip; unknown users are absent. */
export async function selectSocketAccess(db: Db, userIds: readonly string[]): Promise<Map<string, SocketAccess>> {
  const rows = await queryRows<{ id: string } & SocketAccess>(db, Prisma.sql`
    SELECT u."id", u."name",
           -- A scalar subquery, not EXISTS: the planner turned EXISTS into a hash of every active membership, built on each call (1.1 ms for a load of 2 users).
           COALESCE((SELECT true FROM "Membership" m WHERE m."userId" = u."id" AND m."deactivatedAt" IS NULL LIMIT 1), false) AS "isActive",
           ARRAY(
             SELECT p."conversationId"::text
             FROM "Participant" p
             CROSS JOIN LATERAL (${activeMembershipOf(Prisma.sql`p."conversationId"`, Prisma.sql`p."userId"`)}) active
             WHERE p."userId" = u."id"
           ) AS "conversationIds"
    FROM unnest(${[...userIds]}::uuid[]) AS wanted("id")
    JOIN "User" u ON u."id" = wanted."id"`);
  return new Map(rows.map(({ id, ...access }) => [id, access]));
}

/** Which of `userIds` are active participants of the conversation (the fan-out check). */
export async function selectActiveParticipants(db: Db, conversationId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await queryRows<{ userId: string }>(db, Prisma.sql`
    SELECT p."userId"
    FROM "Participant" p
    CROSS JOIN LATERAL (${activeMembershipOf(Prisma.sql`p."conversationId"`, Prisma.sql`p."userId"`)}) active
    WHERE p."conversationId" = ${conversationId}::uuid AND p."userId" = ANY(${[...userIds]}::uuid[])`);
  return new Set(rows.map((row) => row.userId));
}

/** Which of `userIds` share an active workspace with the viewer: whose presence the viewer may see. */
export async function selectUsersVisibleTo(db: Db, viewerId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await queryRows<{ userId: string }>(db, Prisma.sql`
    SELECT DISTINCT other."userId"
    FROM "Membership" viewer
    JOIN "Membership" other ON other."workspaceId" = viewer."workspaceId" AND other."deactivatedAt" IS NULL
    WHERE viewer."userId" = ${viewerId}::uuid AND viewer."deactivatedAt" IS NULL
      AND other."userId" = ANY(${[...userIds]}::uuid[])`);
  return new Set(rows.map((row) => row.userId));
}
