/**
 * The membership questions the realtime service asks, each one round trip.
 * Sockets follow, and receive the events of, only conversations the user
 * takes part in by the one rule (access-rule.sql.ts: an active membership of
 * the conversation's workspace and a participant row); previewing a public
 * channel reads history over tRPC instead.
 */
import { queryRows } from "@parley/db/pooled-rows";
import { Prisma } from "@parley/db/client";
import type { Db } from "../core/database.ts";
import { participantTakesPart } from "../conversations/access-rule.sql.ts";

const takesPart = participantTakesPart("p");

export interface SocketAccess {
  name: string;
  /** False when the user has no active membership left anywhere (deactivated everywhere). */
  isActive: boolean;
  /** Every conversation whose events the user's sockets should receive. */
  conversationIds: string[];
}

/** What a socket of each user may follow, for many users in one round trip; unknown users are absent. */
export async function selectSocketAccess(db: Db, userIds: readonly string[]): Promise<Map<string, SocketAccess>> {
  const rows = await queryRows<{ id: string } & SocketAccess>(db, socketAccessStatement(userIds));
  return new Map(rows.map(({ id, ...access }) => [id, access]));
}

/** The statement of selectSocketAccess (exported so a test can pin its generic plan). */
export function socketAccessStatement(userIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT u."id", u."name",
           -- A scalar subquery, not EXISTS: the planner turned EXISTS into a hash of every active membership, built on each call (1.1 ms for a load of 2 users).
           COALESCE((SELECT true FROM "Membership" m WHERE m."userId" = u."id" AND m."deactivatedAt" IS NULL LIMIT 1), false) AS "isActive",
           ARRAY(
             SELECT p."conversationId"::text
             FROM "Participant" p
             ${takesPart.join}
             WHERE p."userId" = u."id" AND ${takesPart.condition}
           ) AS "conversationIds"
    FROM unnest(${[...userIds]}::uuid[]) AS wanted("id")
    JOIN "User" u ON u."id" = wanted."id"`;
}

/** Which of `userIds` are active participants of the conversation (the fan-out check). */
export async function selectActiveParticipants(db: Db, conversationId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await queryRows<{ userId: string }>(db, activeParticipantsStatement(conversationId, userIds));
  return new Set(rows.map((row) => row.userId));
}

/** The statement of selectActiveParticipants (exported so a test can pin its generic plan). */
export function activeParticipantsStatement(conversationId: string, userIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT p."userId"
    FROM "Participant" p
    ${takesPart.join}
    WHERE p."conversationId" = ${conversationId}::uuid AND p."userId" = ANY(${[...userIds]}::uuid[]) AND ${takesPart.condition}`;
}

/** Which of `userIds` share an active workspace with the viewer: whose presence the viewer may see. */
export async function selectUsersVisibleTo(db: Db, viewerId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await queryRows<{ userId: string }>(
    db,
    Prisma.sql`
    SELECT DISTINCT other."userId"
    FROM "Membership" viewer
    JOIN "Membership" other ON other."workspaceId" = viewer."workspaceId" AND other."deactivatedAt" IS NULL
    WHERE viewer."userId" = ${viewerId}::uuid AND viewer."deactivatedAt" IS NULL
      AND other."userId" = ANY(${[...userIds]}::uuid[])`,
  );
  return new Set(rows.map((row) => row.userId));
}
