/** The only file of auth/ that touches Prisma for users and accounts. */
import type { Prisma } from "@parley/db/client";
import type { Db } from "../core/database.ts";

export async function findUserByEmail(db: Db, email: string) {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
}

export async function userExists(db: Db, userId: string): Promise<boolean> {
  return (await db.user.count({ where: { id: userId } })) > 0;
}

export async function insertUser(
  tx: Prisma.TransactionClient,
  input: { email: string; name: string; passwordHash: string | null; image?: string | null },
): Promise<{ id: string }> {
  return tx.user.create({
    data: { email: input.email, name: input.name, passwordHash: input.passwordHash, image: input.image ?? null },
    select: { id: true },
  });
}

export async function findUserIdByAccount(db: Db, provider: string, providerAccountId: string): Promise<string | null> {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  return account?.userId ?? null;
}

export async function insertOAuthAccount(tx: Prisma.TransactionClient, input: { userId: string; provider: string; providerAccountId: string }): Promise<void> {
  // Provider tokens are not stored: Parley only needs the identity.
  await tx.account.create({
    data: { userId: input.userId, type: "oauth", provider: input.provider, providerAccountId: input.providerAccountId },
  });
}
