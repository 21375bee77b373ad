/**
 * Personal access tokens for the REST API: `plt_` + 32 random bytes
 * (base64url). The secret is shown once at creation; only its SHA-256 is
 * stored, so a database leak does not leak usable tokens. A fast hash is
 * right here (unlike passwords): the secret has 256 bits of entropy.
 */
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@parley/db/client";
import type { Actor, Db } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { toIso, toIsoOrNull } from "../core/wire.ts";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import {
  countActiveAccessTokens,
  findAccessTokenByHash,
  insertAccessToken,
  markAccessTokenRevoked,
  selectAccessTokens,
  touchAccessToken,
} from "./access-tokens.repository.ts";
import {
  createAccessTokenInputSchema,
  revokeAccessTokenInputSchema,
  type AccessTokenSummary,
  type CreateAccessTokenInput,
  type CreatedAccessToken,
  type RevokeAccessTokenInput,
} from "./access-tokens.schema.ts";

export const ACCESS_TOKEN_PREFIX = "plt_";
const MAX_ACTIVE_TOKENS = 50;
/** lastUsedAt is informational: write it at most once a minute per token. */
const TOUCH_INTERVAL_MS = 60_000;
const tokenShape = /^plt_[A-Za-z0-9_-]{43}$/;

interface TokenPorts {
  db: PrismaClient;
  clock: Clock;
}

export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function toSummary(row: {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): AccessTokenSummary {
  return {
    id: row.id,
    name: row.name,
    createdAt: toIso(row.createdAt),
    lastUsedAt: toIsoOrNull(row.lastUsedAt),
    expiresAt: toIsoOrNull(row.expiresAt),
    isRevoked: row.revokedAt !== null,
  };
}

export async function createAccessToken(ports: TokenPorts, actor: Actor, rawInput: CreateAccessTokenInput): Promise<CreatedAccessToken> {
  const input = parseInput(createAccessTokenInputSchema, rawInput);
  const now = ports.clock.now();
  if ((await countActiveAccessTokens(ports.db, actor.userId, now)) >= MAX_ACTIVE_TOKENS) {
    throw new DomainError("INVALID", `You can have at most ${MAX_ACTIVE_TOKENS} active tokens. Revoke one first.`);
  }
  const token = ACCESS_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const row = await insertAccessToken(ports.db, { userId: actor.userId, name: input.name, tokenHash: hashAccessToken(token), createdAt: now, expiresAt });
  return { ...toSummary(row), token };
}

export async function listAccessTokens(ports: TokenPorts, actor: Actor): Promise<AccessTokenSummary[]> {
  return (await selectAccessTokens(ports.db, actor.userId)).map(toSummary);
}

export async function revokeAccessToken(ports: TokenPorts, actor: Actor, rawInput: RevokeAccessTokenInput): Promise<{ isRevoked: true }> {
  const input = parseInput(revokeAccessTokenInputSchema, rawInput);
  const found = await markAccessTokenRevoked(ports.db, actor.userId, input.tokenId, ports.clock.now());
  if (!found) throw new DomainError("NOT_FOUND", "That token does not exist.");
  return { isRevoked: true };
}

const unauthenticated = (message = "Invalid, expired or revoked access token.") => new DomainError("UNAUTHENTICATED", message);

/**
 * The actor behind an `Authorization: Bearer plt_…` header. Every failure is
 * UNAUTHENTICATED with the same message, whatever the reason (unknown,
 * revoked, expired), so probing tells nothing.
 */
export async function authenticateBearer(db: Db, authorizationHeader: string | null, now: Date = new Date()): Promise<Actor & { tokenId: string }> {
  if (!authorizationHeader) throw unauthenticated("Send an access token: Authorization: Bearer plt_…");
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorizationHeader);
  const token = match?.[1];
  if (!token || !tokenShape.test(token)) throw unauthenticated();
  const row = await findAccessTokenByHash(db, hashAccessToken(token));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) throw unauthenticated();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchAccessToken(db, row.id, now);
  }
  return { userId: row.userId, tokenId: row.id };
}
