import { Prisma, type PrismaClient } from "@parley/db/client";
import { DomainError } from "../errors.ts";

/** A client or an open interactive transaction: repositories accept either. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Who is acting; the transports authenticate, services authorize. */
export interface Actor {
  userId: string;
}

export interface TransactionOptions {
  /** How long to wait for a pooled connection. */
  maxWaitMs?: number;
  /** How long the whole transaction may take before Prisma rolls it back. */
  timeoutMs?: number;
}

/**
 * Runs `work` in one interactive transaction. Failures of the infrastructure
 * (no connection, the transaction timed out, the server went away) become
 * UNAVAILABLE so every transport answers 503 "try again" rather than 500;
 * the caller retries with the same clientMessageId and idempotency holds.
 */
export async function runInTransaction<T>(db: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  try {
    return await db.$transaction(work, { maxWait: options.maxWaitMs ?? 5_000, timeout: options.timeoutMs ?? 10_000 });
  } catch (error) {
    throw asUnavailableIfInfrastructure(error);
  }
}

// P1001 can't reach server, P1002 timed out, P1008 operation timed out,
// P1017 server closed the connection, P2024 pool timeout, P2028 transaction API error.
const infrastructureCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
// Postgres: 08xxx connection exceptions, 57P01 admin shutdown, 57P03 cannot connect now, 40001/40P01 retryable.
const retryableSqlStates = /^(08|57P0[123]|40001|40P01)/;

export function asUnavailableIfInfrastructure(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof Prisma.PrismaClientKnownRequestError && infrastructureCodes.has(error.code)) {
    return new DomainError("UNAVAILABLE", "The service is briefly unavailable. Try again.");
  }
  if (error instanceof Prisma.PrismaClientInitializationError || error instanceof Prisma.PrismaClientRustPanicError) {
    return new DomainError("UNAVAILABLE", "The service is briefly unavailable. Try again.");
  }
  const sqlState = sqlStateOf(error);
  if (sqlState && retryableSqlStates.test(sqlState)) {
    return new DomainError("UNAVAILABLE", "The service is briefly unavailable. Try again.");
  }
  if (isConnectionRefused(error)) return new DomainError("UNAVAILABLE", "The service is briefly unavailable. Try again.");
  return error;
}

function sqlStateOf(error: unknown): string | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const meta = error.meta as { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined;
    const code = meta?.driverAdapterError?.cause?.originalCode ?? meta?.code;
    return typeof code === "string" ? code : null;
  }
  // node-postgres' own errors (the hot statements' direct path, @parley/db/pooled-rows): a server error carries its SQLSTATE.
  if (error instanceof Error && "severity" in error && "code" in error && typeof error.code === "string") return error.code;
  return null;
}

function isConnectionRefused(error: unknown): boolean {
  return error instanceof Error && /ECONNREFUSED|ECONNRESET|Connection terminated/i.test(error.message);
}

/** True when a write hit the unique index named `constraint` (or any unique index when omitted). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code !== "P2002" && sqlStateOf(error) !== "23505") return false;
  return constraint === undefined || JSON.stringify(error.meta ?? {}).includes(constraint) || error.message.includes(constraint);
}
