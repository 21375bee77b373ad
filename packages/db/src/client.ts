import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { registerPool } from "./pooled-rows.ts";

export { PrismaClient };
export type * from "./generated/prisma/client.ts";
export { Prisma } from "./generated/prisma/client.ts";

// Each distinct statement text stays prepared on every pooled connection that ran it; past this many texts
// (a query built with a variable number of placeholders, say) new ones run unnamed, so server memory stays bounded.
const MAX_PREPARED_STATEMENTS = 500;

/**
 * Names statements by their text, so node-postgres prepares each once per
 * connection and Postgres skips parsing and planning on every later run
 * (ARCHITECTURE.md: prepared statements on the hot paths; planning was a third
 * of a send's time in Postgres).
 */
function createStatementNamer(): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  return (sql) => {
    const known = names.get(sql);
    if (known || names.size >= MAX_PREPARED_STATEMENTS) return known;
    const name = `parley_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
}

/**
 * JIT compilation off for our sessions: it starts once a plan's estimated cost
 * passes a threshold, which short queries cross whenever statistics are
 * missing (a bulk import, a fresh partition) or an IN list is long, and then
 * spends 100–300 ms compiling a query that runs in 5 (measured on the socket
 * access load after seeding 10,000 users). Chat's queries are all short.
 */
const SESSION_OPTIONS = "-c jit=off";

/**
 * One Prisma client over a node-postgres pool, which the hot statements also
 * use directly (pooled-rows.ts); callers own its lifetime ($disconnect ends the pool).
 */
export function createPrismaClient(connectionString: string): PrismaClient {
  const pool = new pg.Pool({ connectionString, options: SESSION_OPTIONS });
  // An idle connection that the server drops (a restart) is only removed from the pool; the next query
  // opens a new one or fails with its own error. Unheard, the pool's "error" event would end the process.
  pool.on("error", () => {});
  const nameOf = createStatementNamer();
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, {
      disposeExternalPool: true,
      // undefined (past the cap) runs the statement unnamed: node-postgres accepts it though the type says string.
      statementNameGenerator: ({ sql }) => nameOf(sql) as string,
    }),
  });
  registerPool(client, pool, nameOf);
  return client;
}
