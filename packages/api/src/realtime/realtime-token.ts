/**
 * Short-lived tokens that let a signed-in browser open a realtime socket.
 * The web app issues one (`realtime.token`), the socket sends it in `hello`,
 * the realtime service verifies it with the same shared secret. Five minutes
 * is long enough to connect and short enough that a leaked token is stale;
 * reconnects fetch a fresh one.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import { DomainError } from "../errors.ts";

export const REALTIME_TOKEN_AUDIENCE = "parley-realtime";
export const REALTIME_TOKEN_ISSUER = "parley-web";
export const REALTIME_TOKEN_TTL_SECONDS = 5 * 60;
/** Web and realtime nodes' clocks may disagree a little (RELIABILITY.md T9). */
export const REALTIME_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;
const MIN_SECRET_LENGTH = 32;

// A short secret is a deployment mistake, not a bad token: fail loudly.
function assertSecretLength(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`The realtime secret must be at least ${MIN_SECRET_LENGTH} characters`);
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** When a token issued at `now` stops being accepted (ignoring clock tolerance). */
export function realtimeTokenExpiresAt(now: Date = new Date()): Date {
  return new Date((epochSeconds(now) + REALTIME_TOKEN_TTL_SECONDS) * 1000);
}

export function issueRealtimeToken(secret: string, userId: string, now: Date = new Date()): string {
  const issuedAt = epochSeconds(now);
  const claims = {
    sub: userId,
    aud: REALTIME_TOKEN_AUDIENCE,
    iss: REALTIME_TOKEN_ISSUER,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + REALTIME_TOKEN_TTL_SECONDS,
  };
  const signed = `${SIGNED_HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${hmacSha256(hmacKey(secret), signed).toString("base64url")}`;
}

/** Returns the user the token was issued to; any defect is UNAUTHENTICATED. */
export async function verifyRealtimeToken(secret: string, token: string, now: Date = new Date()): Promise<{ userId: string }> {
  const key = hmacKey(secret);
  try {
    return { userId: subjectOf(verifiedPayload(key, token), epochSeconds(now)) };
  } catch {
    // The reason (expired, bad signature…) stays on the server: a client can
    // do nothing with it except probe.
    throw new DomainError("UNAUTHENTICATED", "The realtime token is invalid or expired; fetch a new one");
  }
}

/*
 * Tokens are HS256 JWTs signed and verified on node:crypto, synchronously.
 * jose 6 goes through WebCrypto, an async job per token: in a 10,000-client
 * reconnect wave verifying was 12% of a realtime node's CPU and issuing a
 * quarter of the clients' (the web app's token endpoint pays the same).
 * Verification applies the rules jwtVerify applied: alg exactly HS256 and no
 * `crit`, then audience, issuer, sub/iat/nbf/exp required, 30 s of clock
 * tolerance, and no longer a lifetime than ours. The tests check both
 * directions against jose.
 */
const MAX_TOKEN_LENGTH = 2_048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;
const MAX_SUBJECT_LENGTH = 100;

const SIGNED_HEADER = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));

let cachedKey: { secret: string; key: KeyObject } | undefined;

function hmacKey(secret: string): KeyObject {
  assertSecretLength(secret);
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createSecretKey(Buffer.from(secret, "utf8")) };
  return cachedKey.key;
}

function hmacSha256(key: KeyObject, signed: string): Buffer {
  return createHmac("sha256", key).update(signed).digest();
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

/** The payload of a token whose HS256 signature is ours; throws on any defect. */
function verifiedPayload(key: KeyObject, token: string): Record<string, unknown> {
  if (token.length > MAX_TOKEN_LENGTH) throw new Error("token too long");
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) throw new Error("not a signed JWT");
  const [header, payload, signature] = parts as [string, string, string];
  const expected = hmacSha256(key, `${header}.${payload}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, expected)) throw new Error("bad signature");
  const protectedHeader = jsonObjectOf(header);
  if (protectedHeader.alg !== "HS256" || "crit" in protectedHeader) throw new Error("unexpected header");
  return jsonObjectOf(payload);
}

function jsonObjectOf(segment: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
  return value as Record<string, unknown>;
}

function subjectOf(claims: Record<string, unknown>, nowSeconds: number): string {
  const { sub, aud, iss, iat, nbf, exp } = claims;
  const tolerance = REALTIME_TOKEN_CLOCK_TOLERANCE_SECONDS;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(REALTIME_TOKEN_AUDIENCE) || iss !== REALTIME_TOKEN_ISSUER) throw new Error("not for us");
  if (typeof iat !== "number" || typeof nbf !== "number" || typeof exp !== "number") throw new Error("missing times");
  if (nbf > nowSeconds + tolerance || iat > nowSeconds + tolerance) throw new Error("not yet valid");
  if (exp <= nowSeconds - tolerance) throw new Error("expired");
  // Refuses tokens minted with a longer lifetime than ours, even if signed.
  if (nowSeconds - iat - tolerance > REALTIME_TOKEN_TTL_SECONDS + tolerance) throw new Error("too old");
  if (typeof sub !== "string" || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) throw new Error("bad subject");
  return sub;
}
