/** The only file of auth/ that touches Prisma for invite links. */
import type { Prisma, WorkspaceRole } from "@parley/db/client";
import type { Db } from "../core/database.ts";

export async function insertInvite(
  db: Db,
  input: { workspaceId: string; tokenHash: string; role: WorkspaceRole; createdById: string; expiresAt: Date; maxUses: number | null },
): Promise<void> {
  await db.invite.create({ data: input });
}

export async function findInviteByTokenHash(db: Db, tokenHash: string) {
  return db.invite.findUnique({
    where: { tokenHash },
    select: {
      expiresAt: true,
      revokedAt: true,
      maxUses: true,
      useCount: true,
      role: true,
      workspace: { select: { id: true, slug: true, name: true } },
    },
  });
}

export interface ConsumedInvite {
  workspaceId: string;
  workspaceSlug: string;
  role: WorkspaceRole;
}

/**
 * Uses the invite once if it is still good, in one statement: two people
 * racing for the last use of a limited invite cannot both get it.
 */
export async function consumeInvite(tx: Prisma.TransactionClient, tokenHash: string, now: Date): Promise<ConsumedInvite | null> {
  const rows = await tx.$queryRaw<Array<{ workspaceId: string; workspaceSlug: string; role: WorkspaceRole }>>`
    UPDATE "Invite" AS i SET "useCount" = i."useCount" + 1
    FROM "Workspace" AS w
    WHERE i."tokenHash" = ${tokenHash} AND w."id" = i."workspaceId"
      AND i."revokedAt" IS NULL AND i."expiresAt" > ${now}::timestamptz
      AND (i."maxUses" IS NULL OR i."useCount" < i."maxUses")
    RETURNING i."workspaceId"::text AS "workspaceId", w."slug" AS "workspaceSlug", i."role"::text AS "role"`;
  return rows[0] ?? null;
}
