/** The only file of rest/ that touches the database. */
import type { Db } from "../core/database.ts";

export async function listActiveWorkspaceIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.membership.findMany({ where: { userId, deactivatedAt: null }, select: { workspaceId: true }, take: 2 });
  return rows.map((row) => row.workspaceId);
}
