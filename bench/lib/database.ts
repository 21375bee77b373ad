/**
 * The bench's own Postgres: embedded in a temp dir (deleted after), or a fresh
 * database on BENCH_DATABASE_URL's server (dropped after). Migrated by the
 * project's own runner, so the schema and partitions are the real ones.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@parley/db/embedded";
import { migrate } from "@parley/db/migrate";
import pg from "pg";

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

// Durability is not what we measure, and the box is shared: same settings as the tests.
const SERVER_SETTINGS = { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "200" };

export async function startBenchDatabase(externalUrl: string | undefined): Promise<BenchDatabase> {
  const database = externalUrl ? await createDatabaseOn(externalUrl) : await startEmbedded();
  try {
    await migrate(database.url);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

async function startEmbedded(): Promise<BenchDatabase> {
  const parent = await mkdtemp(path.join(os.tmpdir(), "parley-bench-"));
  // Postgres refuses to run as root; embedded.ts then runs it as "postgres", who must reach the dir.
  await chmod(parent, 0o777);
  const server = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg"), persistent: false, serverSettings: SERVER_SETTINGS });
  return {
    url: server.connectionString,
    async stop() {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

async function createDatabaseOn(serverUrl: string): Promise<BenchDatabase> {
  const name = `parley_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Backend pids serving this database right now (to meter Postgres CPU/RSS for a scenario). */
export async function postgresBackendPids(pool: pg.Pool): Promise<number[]> {
  const result = await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
  return result.rows.map((row) => row.pid);
}

/**
 * A pg pool for a scenario. pool.end() resolves before its clients' sockets
 * have closed, and stopping the server right after sends those clients a
 * FATAL 57P01 that pg-pool re-emits as 'error' on the pool: unheard, that
 * crashed the bench after it had measured everything. A query's own failure
 * still rejects that query; an idle client's error has nobody else to tell.
 */
export function openBenchPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on("error", () => undefined);
  return pool;
}
