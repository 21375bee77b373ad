/**
 * Short-lived tokens that let a signed-in browser open a realtime socket.
 * The web app issues one (`realtime.token`), the socket sends it in `hello`,
 * the realtime service verifies it with the same shared secret. Five minutes
 * is long enough to connect and short enough that a leaked token is stale;
 * reconnects fetch a fresh one.
 */
import { jwtVerify, SignJWT } from "jose";
import { DomainError } from "../errors.ts";

export const REALTIME_TOKEN_AUDIENCE = "parley-realtime";
export const REALTIME_TOKEN_ISSUER = "parley-web";
export const REALTIME_TOKEN_TTL_SECONDS = 5 * 60;
/** Web and realtime nodes' clocks may disagree a little (RELIABILITY.md T9). */
export const REALTIME_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;
const MIN_SECRET_LENGTH = 32;

// The secret imported once as a WebCrypto key: given raw bytes, jose imports them on every call, which
// was a third of a verify's cost, paid 10,000 times in a reconnect wave.
let importedKey: { secret: string; key: Promise<CryptoKey> } | undefined;

function signingKey(secret: string): Promise<CryptoKey> {
  // A short secret is a deployment mistake, not a bad token: fail loudly.
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`The realtime secret must be at least ${MIN_SECRET_LENGTH} characters`);
  if (importedKey?.secret !== secret) {
    const key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    importedKey = { secret, key };
  }
  return importedKey.key;
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** When a token issued at `now` stops being accepted (ignoring clock tolerance). */
export function realtimeTokenExpiresAt(now: Date = new Date()): Date {
  return new Date((epochSeconds(now) + REALTIME_TOKEN_TTL_SECONDS) * 1000);
}

export async function issueRealtimeToken(secret: string, userId: string, now: Date = new Date()): Promise<string> {
  const issuedAt = epochSeconds(now);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setAudience(REALTIME_TOKEN_AUDIENCE)
    .setIssuer(REALTIME_TOKEN_ISSUER)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + REALTIME_TOKEN_TTL_SECONDS)
    .sign(await signingKey(secret));
}

/** Returns the user the token was issued to; any defect is UNAUTHENTICATED. */
export async function verifyRealtimeToken(secret: string, token: string, now: Date = new Date()): Promise<{ userId: string }> {
  const key = await signingKey(secret);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      audience: REALTIME_TOKEN_AUDIENCE,
      issuer: REALTIME_TOKEN_ISSUER,
      clockTolerance: REALTIME_TOKEN_CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
      requiredClaims: ["sub", "iat", "nbf", "exp"],
      // Refuses tokens minted with a longer lifetime than ours, even if signed.
      maxTokenAge: REALTIME_TOKEN_TTL_SECONDS + REALTIME_TOKEN_CLOCK_TOLERANCE_SECONDS,
    });
    if (typeof payload.sub !== "string" || payload.sub.length === 0 || payload.sub.length > 100) throw new Error("bad subject");
    return { userId: payload.sub };
  } catch {
    // The reason (expired, bad signature…) stays on the server: a client can
    // do nothing with it except probe.
    throw new DomainError("UNAUTHENTICATED", "The realtime token is invalid or expired; fetch a new one");
  }
}
