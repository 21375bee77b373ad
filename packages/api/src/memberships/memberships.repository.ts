/** The only file of memberships/ that touches Prisma/SQL: who belongs to which workspace, in what role, still active or not. */
import type { WorkspaceRole } from "@parley/db/client";
import type { Db } from "../core/database.ts";

export async function findMembership(db: Db, workspaceId: string, userId: string): Promise<{ role: WorkspaceRole; deactivatedAt: Date | null } | null> {
  return db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true, deactivatedAt: true },
  });
}

/** Which of `userIds` are active members of the workspace. */
export async function findActiveMemberIds(db: Db, workspaceId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.membership.findMany({
    where: { workspaceId, userId: { in: [...userIds] }, deactivatedAt: null },
    select: { userId: true },
  });
  return new Set(rows.map((row) => row.userId));
}

const workspaceSummary = { select: { id: true, slug: true, name: true } } as const;

export async function findActiveMembershipBySlug(db: Db, slug: string, userId: string) {
  return db.membership.findFirst({
    where: { userId, deactivatedAt: null, workspace: { slug } },
    select: { role: true, workspace: workspaceSummary },
  });
}

/** The user's active memberships, oldest first. */
export async function listActiveMembershipsOfUser(db: Db, userId: string) {
  return db.membership.findMany({
    where: { userId, deactivatedAt: null },
    orderBy: { joinedAt: "asc" },
    select: { role: true, workspace: workspaceSummary },
  });
}

/** Ids of up to `limit` workspaces the user is an active member of. */
export async function listActiveWorkspaceIds(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await db.membership.findMany({ where: { userId, deactivatedAt: null }, select: { workspaceId: true }, take: limit });
  return rows.map((row) => row.workspaceId);
}

/** Active members of a workspace whose name or email contains `query` (case-insensitive), by name. */
export async function selectWorkspaceMembers(db: Db, options: { workspaceId: string; query: string | undefined; limit: number }) {
  const contains = options.query ? { contains: options.query, mode: "insensitive" as const } : undefined;
  const rows = await db.membership.findMany({
    where: {
      workspaceId: options.workspaceId,
      deactivatedAt: null,
      ...(contains ? { user: { OR: [{ name: contains }, { email: contains }] } } : {}),
    },
    orderBy: { user: { name: "asc" } },
    take: options.limit,
    select: { role: true, user: { select: { id: true, name: true, email: true, image: true } } },
  });
  return rows.map(({ role, user }) => ({ ...user, role }));
}

export async function insertMembership(db: Db, membership: { workspaceId: string; userId: string; role: WorkspaceRole }): Promise<void> {
  await db.membership.create({ data: { workspaceId: membership.workspaceId, userId: membership.userId, role: membership.role } });
}
