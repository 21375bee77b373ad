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
  pool: pg.Pool;
  nameOf(sql: string): string | undefined;
}

const pooledClients = new WeakMap<object, PooledClient>();

/** Called by createPrismaClient for the pool it hands to Prisma's adapter. */
export function registerPool(client: object, pool: pg.Pool, nameOf: (sql: string) => string | undefined): void {
  pooledClients.set(client, { pool, nameOf });
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
  const pooled = pooledClients.get(db);
  if (!pooled || pooled.pool.ending || pooled.pool.ended) return db.$queryRaw<T[]>(query);
  const name = pooled.nameOf(query.text);
  const result = await pooled.pool.query({ ...(name ? { name } : {}), text: query.text, values: query.values, types: prismaCompatibleTypes });
  return result.rows as T[];
}
