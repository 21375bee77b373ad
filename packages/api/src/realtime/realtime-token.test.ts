import { createHmac } from "node:crypto";
import { jwtVerify, SignJWT, UnsecuredJWT } from "jose";
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
    const token = issueRealtimeToken(secret, userId, issuedAt);
    await expect(verifyRealtimeToken(secret, token, secondsAfter(issuedAt, 60))).resolves.toEqual({ userId });
  });

  it("expires five minutes after issue, with 30 s of clock tolerance", async () => {
    const token = issueRealtimeToken(secret, userId, issuedAt);
    expect(realtimeTokenExpiresAt(issuedAt)).toEqual(secondsAfter(issuedAt, 300));
    await expect(verifyRealtimeToken(secret, token, secondsAfter(issuedAt, 300 + 29))).resolves.toEqual({ userId });
    await expectRefused(token, secondsAfter(issuedAt, 300 + 31));
    await expectRefused(token, secondsAfter(issuedAt, 3600));
  });

  it("refuses a token that is not yet valid, beyond the tolerance", async () => {
    const token = issueRealtimeToken(secret, userId, secondsAfter(issuedAt, 120));
    await expectRefused(token, issuedAt);
    // A verifier 20 s behind the issuer still accepts it.
    await expect(verifyRealtimeToken(secret, token, secondsAfter(issuedAt, 100))).resolves.toEqual({ userId });
  });

  it("refuses a token signed with another secret", async () => {
    const token = issueRealtimeToken(otherSecret, userId, issuedAt);
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
    const unsigned = new UnsecuredJWT({})
      .setSubject(userId)
      .setAudience(REALTIME_TOKEN_AUDIENCE)
      .setIssuer(REALTIME_TOKEN_ISSUER)
      .setIssuedAt()
      .setExpirationTime("5m")
      .encode();
    await expectRefused(unsigned);

    const [header, , signature] = issueRealtimeToken(secret, userId, issuedAt).split(".");
    const otherPayload = issueRealtimeToken(secret, "mallory", issuedAt).split(".")[1];
    await expectRefused(`${header}.${otherPayload}.${signature}`);
  });

  it.each(["", "garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "x".repeat(4000)])("refuses garbage %#", async (garbage) => {
    await expectRefused(garbage);
  });

  it("rejects a short secret as a configuration error, not as a bad token", async () => {
    expect(() => issueRealtimeToken("short", userId)).toThrow(/at least 32/);
    await expect(verifyRealtimeToken("short", "a.b.c")).rejects.not.toBeInstanceOf(DomainError);
  });
});

describe("realtime token issuing (HS256 on node:crypto)", () => {
  it("makes a JWT that jose verifies, with exactly our header and claims", async () => {
    const token = issueRealtimeToken(secret, userId, issuedAt);
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      audience: REALTIME_TOKEN_AUDIENCE,
      issuer: REALTIME_TOKEN_ISSUER,
      currentDate: secondsAfter(issuedAt, 60),
    });
    const iat = Math.floor(issuedAt.getTime() / 1000);
    expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toEqual({ sub: userId, aud: REALTIME_TOKEN_AUDIENCE, iss: REALTIME_TOKEN_ISSUER, iat, nbf: iat, exp: iat + 300 });
    await expect(jwtVerify(token, new TextEncoder().encode(otherSecret), { algorithms: ["HS256"], currentDate: issuedAt })).rejects.toThrow();
  });

  it("signs the same claims the way jose does, byte for byte", async () => {
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const signedByJose = await new SignJWT({ sub: userId, aud: REALTIME_TOKEN_AUDIENCE, iss: REALTIME_TOKEN_ISSUER, iat, nbf: iat, exp: iat + 300 })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(secret));
    expect(issueRealtimeToken(secret, userId, issuedAt)).toBe(signedByJose);
  });
});

describe("realtime token verification (HS256 on node:crypto)", () => {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const claims = { sub: userId, aud: REALTIME_TOKEN_AUDIENCE, iss: REALTIME_TOKEN_ISSUER, iat, nbf: iat, exp: iat + 300 };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  /** A token with any header and payload, HMAC-SHA256-signed with `secret` whatever the header claims. */
  function signRaw(header: unknown, payload: unknown): string {
    const signed = `${encode(header)}.${encode(payload)}`;
    return `${signed}.${createHmac("sha256", secret).update(signed).digest("base64url")}`;
  }

  it("accepts what any HS256 signer makes of our claims, audience as a list included", async () => {
    await expect(verifyRealtimeToken(secret, signRaw({ alg: "HS256" }, claims), issuedAt)).resolves.toEqual({ userId });
    await expect(verifyRealtimeToken(secret, signRaw({ alg: "HS256" }, { ...claims, aud: ["other", REALTIME_TOKEN_AUDIENCE] }), issuedAt)).resolves.toEqual({
      userId,
    });
  });

  it("refuses a header that is not exactly HS256, or that names critical extensions", async () => {
    await expectRefused(signRaw({ alg: "HS512" }, claims));
    await expectRefused(signRaw({ alg: "none" }, claims));
    await expectRefused(signRaw({}, claims));
    await expectRefused(signRaw({ alg: "HS256", crit: ["exp"] }, claims));
    await expectRefused(`${encode({ alg: "none" })}.${encode(claims)}.`);
  });

  it.each(["sub", "iat", "nbf", "exp", "aud", "iss"] as const)("refuses a signed token without %s", async (claim) => {
    const { [claim]: _, ...rest } = claims;
    await expectRefused(signRaw({ alg: "HS256" }, rest));
  });

  it("refuses claims of the wrong type, a payload that is not an object, and an overlong subject", async () => {
    await expectRefused(signRaw({ alg: "HS256" }, { ...claims, exp: String(claims.exp) }));
    await expectRefused(signRaw({ alg: "HS256" }, { ...claims, sub: 42 }));
    await expectRefused(signRaw({ alg: "HS256" }, { ...claims, sub: "u".repeat(101) }));
    await expectRefused(signRaw({ alg: "HS256" }, [claims]));
    await expectRefused(signRaw({ alg: "HS256" }, null));
  });

  it("refuses an issue time in the future beyond the tolerance", async () => {
    await expectRefused(signRaw({ alg: "HS256" }, { ...claims, iat: iat + 120 }));
  });

  it("refuses a signature of the wrong length or with a flipped bit", async () => {
    const token = issueRealtimeToken(secret, userId, issuedAt);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const bytes = Buffer.from(signature, "base64url");
    bytes[0] = (bytes[0] as number) ^ 1;
    await expectRefused(`${header}.${payload}.${bytes.toString("base64url")}`);
    await expectRefused(`${header}.${payload}.${signature.slice(0, -2)}`);
    await expectRefused(`${header}.${payload}.${signature}.extra`);
  });
});
