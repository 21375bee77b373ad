/** The only file of access-tokens/ that touches the database. */
import type { Db } from "../core/database.ts";

const summaryColumns = { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

export async function insertAccessToken(db: Db, token: { userId: string; name: string; tokenHash: string; createdAt: Date; expiresAt: Date | null }) {
  return db.personalAccessToken.create({ data: token, select: summaryColumns });
}

export async function countActiveAccessTokens(db: Db, userId: string, now: Date): Promise<number> {
  return db.personalAccessToken.count({
    where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
}

export async function selectAccessTokens(db: Db, userId: string) {
  return db.personalAccessToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: summaryColumns });
}

/** Revokes the caller's own token; false when there is no such token of theirs. */
export async function markAccessTokenRevoked(db: Db, userId: string, tokenId: string, revokedAt: Date): Promise<boolean> {
  const existing = await db.personalAccessToken.findFirst({ where: { id: tokenId, userId }, select: { revokedAt: true } });
  if (!existing) return false;
  if (!existing.revokedAt) await db.personalAccessToken.update({ where: { id: tokenId }, data: { revokedAt }, select: { id: true } });
  return true;
}

export async function findAccessTokenByHash(db: Db, tokenHash: string) {
  return db.personalAccessToken.findUnique({
    where: { tokenHash },
    select: { id: true, userId: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
}

export async function touchAccessToken(db: Db, tokenId: string, usedAt: Date): Promise<void> {
  await db.personalAccessToken.update({ where: { id: tokenId }, data: { lastUsedAt: usedAt }, select: { id: true } });
}
