/** The only file of workspaces/ that touches Prisma/SQL. Memberships have their own (memberships/). */
import { randomBytes } from "node:crypto";
import type { Prisma } from "@parley/db/client";
import type { Db } from "../core/database.ts";
import { slugifyWorkspaceName } from "./workspaces.schema.ts";

export async function findUserProfile(db: Db, userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
}

// Up to this many other participants are named in a group DM's label.
const NAMED_PARTICIPANTS_MAX = 8;

/** The caller's conversations in one workspace (not archived), with their read state. */
export async function listParticipationsInWorkspace(db: Db, workspaceId: string, userId: string) {
  return db.participant.findMany({
    where: { userId, conversation: { workspaceId, archivedAt: null } },
    select: {
      lastReadSeq: true,
      conversation: {
        select: {
          id: true,
          kind: true,
          name: true,
          topic: true,
          lastSeq: true,
          lastMessageAt: true,
          _count: { select: { participants: true } },
          participants: {
            where: { userId: { not: userId } },
            orderBy: { joinedAt: "asc" },
            take: NAMED_PARTICIPANTS_MAX,
            select: { user: { select: { id: true, name: true } } },
          },
        },
      },
    },
  });
}

/**
 * Unread mentions of the viewer (direct, @channel, @here) per conversation,
 * counted as the conversation list counts them: after the read position, not
 * deleted, not the viewer's own. Only conversations with at least one appear.
 */
export async function countUnreadMentionsByConversation(db: Db, workspaceId: string, userId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<Array<{ conversationId: string; mentionCount: bigint }>>`
    SELECT p."conversationId", count(*) AS "mentionCount"
    FROM "Participant" p
    JOIN "Conversation" c ON c."id" = p."conversationId" AND c."workspaceId" = ${workspaceId}::uuid AND c."archivedAt" IS NULL
    JOIN "Mention" mn ON mn."conversationId" = p."conversationId"
    JOIN "Message" mm ON mm."conversationId" = mn."conversationId" AND mm."id" = mn."messageId"
    WHERE p."userId" = ${userId}::uuid
      AND (mn."userId" = ${userId}::uuid OR mn."kind" IN ('channel', 'here'))
      AND mm."seq" > p."lastReadSeq" AND mm."deletedAt" IS NULL
      AND mm."senderId" IS DISTINCT FROM ${userId}::uuid
    GROUP BY p."conversationId"`;
  return new Map(rows.map((row) => [row.conversationId, Number(row.mentionCount)]));
}

/**
 * Inserts the workspace under the first free slug derived from its name.
 * ON CONFLICT DO NOTHING keeps the surrounding transaction usable when another
 * sign-up takes the same slug between our read and our insert.
 */
export async function insertWorkspaceWithFreeSlug(tx: Prisma.TransactionClient, name: string): Promise<{ id: string; slug: string }> {
  const base = slugifyWorkspaceName(name);
  const taken = new Set((await tx.workspace.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((row) => row.slug));
  const candidates: string[] = [];
  for (let suffix = 1; candidates.length < 3; suffix += 1) {
    const slug = suffix === 1 ? base : `${base}-${suffix}`;
    if (!taken.has(slug)) candidates.push(slug);
  }
  candidates.push(`${base}-${randomBytes(3).toString("hex")}`);
  for (const slug of candidates) {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Workspace" ("id", "slug", "name") VALUES (gen_random_uuid(), ${slug}, ${name})
      ON CONFLICT ("slug") DO NOTHING RETURNING "id"`;
    if (rows[0]) return { id: rows[0].id, slug };
  }
  throw new Error(`no free workspace slug for "${base}"`);
}
