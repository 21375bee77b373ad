/**
 * The hot statements (a send, a history or resync page, a socket's access
 * load, the fan-out's membership check) read their rows straight from the
 * node-postgres pool under the Prisma client: the same pool and the same
 * named prepared statements Prisma uses, without Prisma's raw-query layer.
 * That layer (request building, the query interpreter, result mapping, a
 * chain of promise hops before the query reaches the socket) cost about
 * 0.5 ms of CPU per statement: measured on the send statement, 18% more
 * sends/s with the same SQL (bench/, throughput).
 *
 * Rows come back as Prisma's $queryRaw returns them for the column types
 * these statements use: int8 as bigint, timestamptz as Date, jsonb parsed,
 * uuid and text as strings.
 */
import pg from "pg";
import type { Prisma } from "./generated/prisma/client.ts";

interface PooledClient {
  /** The client the pool was registered for: a transaction client reads the same property through Prisma's proxy, and must not take the pool. */
  owner: object;
  pool: pg.Pool;
  nameOf(sql: string): string | undefined;
}

// The pool travels on the client object itself, made where each app starts, rather than in a
// registry of this module: a registry is one per copy of the module, and Next.js may bundle it
// twice, when the copy that queries would not find the pool the other copy registered and every
// hot statement would fall back to $queryRaw unnoticed. Symbol.for is the same key in every copy.
const POOLED_CLIENT = Symbol.for("parley.pooledClient");

type WithPool = { [POOLED_CLIENT]?: PooledClient };

/** Called by createPrismaClient for the pool it hands to Prisma's adapter. */
export function registerPool(client: object, pool: pg.Pool, nameOf: (sql: string) => string | undefined): void {
  // Not enumerable: nothing that walks or prints the client sees it.
  Object.defineProperty(client, POOLED_CLIENT, { value: { owner: client, pool, nameOf }, enumerable: false });
}

const INT8_OID = 20;
const prismaCompatibleTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A client or an open interactive transaction; only a client made by createPrismaClient has a pool to go to directly. */
interface RawQueryable {
  $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T>;
}

/**
 * Runs `query` and returns its rows: on the pool directly for a client made
 * by createPrismaClient, through $queryRaw inside a transaction (whose
 * connection only Prisma holds) or once Prisma has ended the pool.
 */
export async function queryRows<T>(db: RawQueryable, query: Prisma.Sql): Promise<T[]> {
  const pooled = (db as WithPool)[POOLED_CLIENT];
  if (!pooled || pooled.owner !== db || pooled.pool.ending || pooled.pool.ended) return db.$queryRaw<T[]>(query);
  const name = pooled.nameOf(query.text);
  const result = await pooled.pool.query({ ...(name ? { name } : {}), text: query.text, values: query.values, types: prismaCompatibleTypes });
  return result.rows as T[];
}
