/**
 * Memberships: who belongs to a workspace. Other capabilities ask here
 * (never the repository): the access checks, the invite flow, the directory,
 * sign-up. Functions taking `db` run inside the caller's transaction when
 * given one.
 */
import type { WorkspaceRole } from "@parley/db/client";
import { entityIdSchema } from "@parley/protocol/events";
import type { Db } from "../core/database.ts";
import { DomainError } from "../errors.ts";
import {
  findActiveMemberIds,
  findActiveMembershipBySlug,
  findMembership,
  insertMembership,
  listActiveMembershipsOfUser,
  listActiveWorkspaceIds,
  selectWorkspaceMembers,
} from "./memberships.repository.ts";

const workspaceNotFound = () => new DomainError("NOT_FOUND", "That workspace does not exist or you are not a member of it.");

/** The caller must be an active member of the workspace; outsiders get NOT_FOUND. */
export async function requireActiveMembership(db: Db, workspaceId: string, userId: string): Promise<{ role: WorkspaceRole }> {
  if (!entityIdSchema.safeParse(workspaceId).success) throw workspaceNotFound();
  const membership = await findMembership(db, workspaceId, userId);
  if (!membership || membership.deactivatedAt) throw workspaceNotFound();
  return { role: membership.role };
}

/** The caller's active membership of the workspace at `slug` (with the workspace), or NOT_FOUND. */
export async function requireActiveMembershipBySlug(db: Db, slug: string, userId: string) {
  const membership = await findActiveMembershipBySlug(db, slug, userId);
  if (!membership) throw workspaceNotFound();
  return membership;
}

/** The membership, active or deactivated; null when there is none. */
export function membershipOf(db: Db, workspaceId: string, userId: string): Promise<{ role: WorkspaceRole; deactivatedAt: Date | null } | null> {
  return findMembership(db, workspaceId, userId);
}

/** Which of `userIds` are active members of the workspace (the others cannot be added to its conversations). */
export function activeMembersAmong(db: Db, workspaceId: string, userIds: readonly string[]): Promise<Set<string>> {
  return findActiveMemberIds(db, workspaceId, userIds);
}

export function listActiveMemberships(db: Db, userId: string) {
  return listActiveMembershipsOfUser(db, userId);
}

/** Up to `limit` ids of the workspaces the user is active in. */
export function activeWorkspaceIdsOf(db: Db, userId: string, limit: number): Promise<string[]> {
  return listActiveWorkspaceIds(db, userId, limit);
}

/** The workspace's active members matching `query` (name or email), by name; the caller has checked the viewer belongs. */
export function searchActiveMembers(db: Db, options: { workspaceId: string; query: string | undefined; limit: number }) {
  return selectWorkspaceMembers(db, options);
}

/** Makes `userId` an active member; joining channels is the caller's business (workspaces.service.ts). */
export async function addMembership(db: Db, membership: { workspaceId: string; userId: string; role: WorkspaceRole }): Promise<void> {
  await insertMembership(db, membership);
}
