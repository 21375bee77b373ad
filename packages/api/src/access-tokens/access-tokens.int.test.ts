import { describe, expect, it } from "vitest";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { systemClock } from "../ports.ts";
import { authenticateBearer, createAccessToken, hashAccessToken, listAccessTokens, revokeAccessToken } from "./access-tokens.service.ts";

const context = personaDatabaseForThisFile();
const ports = () => ({ db: context.database.prisma, clock: systemClock });

describe("personal access tokens", () => {
  it("shows the secret once and stores only its SHA-256", async () => {
    const created = await createAccessToken(ports(), { userId: context.people.alice.userId }, { name: "  ci bot " });
    expect(created.token).toMatch(/^plt_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "ci bot", isRevoked: false, expiresAt: null });
    const stored = await context.database.prisma.personalAccessToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).toBe(hashAccessToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(4));
    const listed = await listAccessTokens(ports(), { userId: context.people.alice.userId });
    expect(listed.find((token) => token.id === created.id)).toEqual({ ...created, token: undefined, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("authenticates a valid bearer token and records its use", async () => {
    const created = await createAccessToken(ports(), { userId: context.people.bob.userId }, { name: "script", expiresInDays: 30 });
    await expect(authenticateBearer(context.database.prisma, `Bearer ${created.token}`)).resolves.toEqual({
      userId: context.people.bob.userId,
      tokenId: created.id,
    });
    await expect(authenticateBearer(context.database.prisma, `bearer   ${created.token}`)).resolves.toMatchObject({ userId: context.people.bob.userId });
    const stored = await context.database.prisma.personalAccessToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it("refuses missing, malformed, unknown, revoked and expired tokens alike", async () => {
    const revoked = await createAccessToken(ports(), { userId: context.people.carol.userId }, { name: "old" });
    await revokeAccessToken(ports(), { userId: context.people.carol.userId }, { tokenId: revoked.id });
    const expiring = await createAccessToken(ports(), { userId: context.people.carol.userId }, { name: "short", expiresInDays: 1 });
    const dayAfter = new Date(Date.now() + 2 * 86_400_000);
    const unknown = `plt_${"A".repeat(43)}`;
    const refusals = await Promise.all([
      authenticateBearer(context.database.prisma, null).catch((error: unknown) => error),
      authenticateBearer(context.database.prisma, "Basic abc").catch((error: unknown) => error),
      authenticateBearer(context.database.prisma, `Bearer ${unknown}`).catch((error: unknown) => error),
      authenticateBearer(context.database.prisma, `Bearer ${revoked.token}`).catch((error: unknown) => error),
      authenticateBearer(context.database.prisma, `Bearer ${expiring.token}`, dayAfter).catch((error: unknown) => error),
    ]);
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: "UNAUTHENTICATED" });
    // Unknown, revoked and expired say the same thing.
    expect(new Set(refusals.slice(2).map((refusal) => (refusal as Error).message)).size).toBe(1);
  });

  it("lets only the owner revoke a token", async () => {
    const created = await createAccessToken(ports(), { userId: context.people.alice.userId }, { name: "mine" });
    await expect(revokeAccessToken(ports(), { userId: context.people.mallory.userId }, { tokenId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(authenticateBearer(context.database.prisma, `Bearer ${created.token}`)).resolves.toMatchObject({ userId: context.people.alice.userId });
    await expect(revokeAccessToken(ports(), { userId: context.people.alice.userId }, { tokenId: created.id })).resolves.toEqual({ isRevoked: true });
    await expect(authenticateBearer(context.database.prisma, `Bearer ${created.token}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("refuses empty names and unknown keys", async () => {
    await expect(createAccessToken(ports(), { userId: context.people.alice.userId }, { name: "   " })).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      createAccessToken(ports(), { userId: context.people.alice.userId }, { name: "x", userId: context.people.bob.userId } as never),
    ).rejects.toMatchObject({ code: "INVALID" });
  });
});
