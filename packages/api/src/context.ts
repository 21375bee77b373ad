/**
 * What every tRPC procedure receives. The transport (Next.js route handler,
 * a server component, a test) authenticates and builds it; procedures never
 * read headers or cookies themselves.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@parley/db/client";
import type { Actor } from "./core/database.ts";
import { logger as rootLogger, type Logger } from "./logger.ts";

export type { Actor };

export interface ApiContext {
  db: PrismaClient;
  /** The signed-in user, or null for anonymous calls (sign-up, invite lookup). */
  actor: Actor | null;
  requestId: string;
  logger: Logger;
  /** Best-known client address (see rate-limit/client-ip.ts); null when unknown. */
  clientIp: string | null;
  /** The request's Origin header; mutations are refused unless it is the app's own. */
  origin: string | null;
}

export interface CreateApiContextInput {
  db: PrismaClient;
  actor: Actor | null;
  clientIp?: string | null;
  origin?: string | null;
  requestId?: string;
}

export function createApiContext(input: CreateApiContextInput): ApiContext {
  const requestId = input.requestId ?? randomUUID();
  return {
    db: input.db,
    actor: input.actor,
    requestId,
    logger: rootLogger.child({ requestId, userId: input.actor?.userId }),
    clientIp: input.clientIp ?? null,
    origin: input.origin ?? null,
  };
}
