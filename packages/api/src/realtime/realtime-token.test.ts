import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { issueRealtimeToken, REALTIME_TOKEN_AUDIENCE, REALTIME_TOKEN_ISSUER, realtimeTokenExpiresAt, verifyRealtimeToken } from "./realtime-token.ts";

const secret = "a-test-secret-that-is-at-least-32-characters-long";
const otherSecret = "another-secret-that-is-also-at-least-32-characters";
const userId = "7d2a4d7e-3f1b-4c55-9a38-0b0f3c9f1e21";
const issuedAt = new Date("2026-03-01T12:00:00.000Z");

function secondsAfter(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

async function expectRefused(token: string, now: Date = issuedAt, verifySecret = secret): Promise<void> {
  const attempt = verifyRealtimeToken(verifySecret, token, now);
  await expect(attempt).rejects.toBeInstanceOf(DomainError);
  await expect(attempt).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
}

/** Signs a token like issueRealtimeToken does, with one claim changed. */
function forge(overrides: { audience?: string; issuer?: string; lifetimeSeconds?: number; subject?: string | null }): Promise<string> {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(overrides.audience ?? REALTIME_TOKEN_AUDIENCE)
    .setIssuer(overrides.issuer ?? REALTIME_TOKEN_ISSUER)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + (overrides.lifetimeSeconds ?? 300));
  if (overrides.subject !== null) jwt.setSubject(overrides.subject ?? userId);
  return jwt.sign(new TextEncoder().encode(secret));
}

describe("realtime tokens", () => {
  it("round-trips the user id", async () => {
    const token = await issueRealtimeToken(secret, userId, issuedAt);
    await expect(verifyRealtimeToken(secret, token, secondsAfter(issuedAt, 60))).resolves.toEqual({ userId });
  });

  it("expires five minutes after issue, with 30 s of clock tolerance", async () => {
    const token = await issueRealtimeToken(secret, userId, issuedAt);
    expect(realtimeTokenExpiresAt(issuedAt)).toEqual(secondsAfter(issuedAt, 300));
    await expect(verifyRealtimeToken(secret, token, secondsAfter(issuedAt, 300 + 29))).resolves.toEqual({ userId });
    await expectRefused(token, secondsAfter(issuedAt, 300 + 31));
    await expectRefused(token, secondsAfter(issuedAt, 3600));
  });

  it("refuses a token that is not yet valid, beyond the tolerance", async () => {
    const token = await issueRealtimeToken(secret, userId, secondsAfter(issuedAt, 120));
    await expectRefused(token, issuedAt);
    // A verifier 20 s behind the issuer still accepts it.
    await expect(verifyRealtimeToken(secret, token, secondsAfter(issuedAt, 100))).resolves.toEqual({ userId });
  });

  it("refuses a token signed with another secret", async () => {
    const token = await issueRealtimeToken(otherSecret, userId, issuedAt);
    await expectRefused(token);
  });

  it("refuses the wrong audience or issuer", async () => {
    await expect(verifyRealtimeToken(secret, await forge({}), issuedAt)).resolves.toEqual({ userId }); // the forge itself is sound
    await expectRefused(await forge({ audience: "parley-web" }));
    await expectRefused(await forge({ issuer: "someone-else" }));
  });

  it("refuses a signed token with a longer lifetime than ours", async () => {
    await expectRefused(await forge({ lifetimeSeconds: 86_400 }), secondsAfter(issuedAt, 3600));
  });

  it("refuses a token without a subject", async () => {
    await expectRefused(await forge({ subject: null }));
  });

  it("refuses unsigned and tampered tokens", async () => {
    const unsigned = new UnsecuredJWT({}).setSubject(userId).setAudience(REALTIME_TOKEN_AUDIENCE).setIssuer(REALTIME_TOKEN_ISSUER).setIssuedAt().setExpirationTime("5m").encode();
    await expectRefused(unsigned);

    const [header, , signature] = (await issueRealtimeToken(secret, userId, issuedAt)).split(".");
    const otherPayload = (await issueRealtimeToken(secret, "mallory", issuedAt)).split(".")[1];
    await expectRefused(`${header}.${otherPayload}.${signature}`);
  });

  it.each(["", "garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "x".repeat(4000)])("refuses garbage %#", async (garbage) => {
    await expectRefused(garbage);
  });

  it("rejects a short secret as a configuration error, not as a bad token", async () => {
    await expect(issueRealtimeToken("short", userId)).rejects.toThrow(/at least 32/);
    await expect(verifyRealtimeToken("short", "a.b.c")).rejects.not.toBeInstanceOf(DomainError);
  });
});
