/**
 * Our own migration runner (the Prisma schema engine cannot run here, and the
 * partitioned "Message" table needs hand-written SQL anyway).
 *
 * Reads prisma/migrations/<name>/migration.sql in name order, applies each
 * pending one in its own transaction and records it in "_parley_migrations".
 * A session advisory lock serialises runners, so nodes starting together never
 * migrate concurrently: the second waits, then finds nothing to do. A file
 * whose checksum changed after it was applied is refused before anything runs.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
export const MIGRATIONS_TABLE = "_parley_migrations";

// The bytes of 'parley' followed by 01 (the partition function uses ...02).
const MIGRATION_LOCK_KEY = "31631443487389953";
// Partitions kept ready around the current month by every migrate() call.
const PARTITION_MONTHS_BACK = 1;
const PARTITION_MONTHS_AHEAD = 3;

export interface MigrateOptions {
  log?: (line: string) => void;
  /** Defaults to this package's prisma/migrations (tests point it at a copy). */
  migrationsDir?: string;
}

export interface MigrationFile {
  name: string;
  filePath: string;
  sql: string;
  checksum: string;
}

type Queryable = pg.ClientBase | pg.Pool;

/** sha256 of the file, with CRLF read as LF so a Windows checkout is not "changed". */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

/** Every migration directory under `migrationsDir`, in name (= time) order. */
export async function readMigrationFiles(migrationsDir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const filePath = path.join(migrationsDir, name, "migration.sql");
      const sql = await readFile(filePath, "utf8").catch((error: unknown) => {
        throw new Error(`Migration directory ${name} has no readable migration.sql (${filePath})`, { cause: error });
      });
      return { name, filePath, sql, checksum: migrationChecksum(sql) };
    }),
  );
}

/** Applies pending migrations under an advisory lock, then ensures message partitions. */
export async function migrate(connectionString: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  // Read (and fail on) the files before touching the database.
  const files = await readMigrationFiles(options.migrationsDir ?? MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Released when the session ends, also if we fail half-way.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
         name text PRIMARY KEY,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const appliedChecksums = await readAppliedChecksums(client);
    assertAppliedUnchanged(files, appliedChecksums, log);

    const pending = files.filter((file) => !appliedChecksums.has(file.name));
    for (const file of pending) {
      await applyMigration(client, file);
      log(`applied migration ${file.name}`);
    }
    if (pending.length === 0) log("database schema is up to date");

    await ensurePartitionsOrWarn(client, log);
    return { applied: pending.map((file) => file.name) };
  } finally {
    await client.end();
  }
}

/**
 * Creates the monthly "Message" partitions missing from `monthsBack` months ago
 * to `monthsAhead` months ahead; returns how many it created. Safe to call
 * concurrently and repeatedly. Today only `migrate` calls it (every start and
 * deploy); a process that runs longer than PARTITION_MONTHS_AHEAD without one
 * writes into "Message_default" until the next migrate, until the job queue
 * brings a daily upkeep job.
 */
export async function ensureMessagePartitions(target: string | Queryable, monthsAhead: number, monthsBack = 1): Promise<number> {
  if (typeof target !== "string") return callEnsurePartitions(target, monthsBack, monthsAhead);
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    return await callEnsurePartitions(client, monthsBack, monthsAhead);
  } finally {
    await client.end();
  }
}

async function ensurePartitionsOrWarn(client: pg.Client, log: (line: string) => void): Promise<void> {
  try {
    const created = await ensureMessagePartitions(client, PARTITION_MONTHS_AHEAD, PARTITION_MONTHS_BACK);
    if (created > 0) log(`created ${created} message partition(s)`);
  } catch (error) {
    // 55P03 lock_not_available: a long query holds "Message". Partitions exist
    // months ahead and "Message_default" catches the rest, so starting matters more.
    if ((error as { code?: string }).code !== "55P03") throw error;
    log(`warning: message partitions not checked (${(error as Error).message}); the periodic job will retry`);
  }
}

async function callEnsurePartitions(db: Queryable, monthsBack: number, monthsAhead: number): Promise<number> {
  const result = await db.query<{ created: number }>("SELECT parley_ensure_message_partitions($1::int, $2::int) AS created", [monthsBack, monthsAhead]);
  return result.rows[0]?.created ?? 0;
}

async function readAppliedChecksums(client: pg.Client): Promise<Map<string, string>> {
  const result = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${MIGRATIONS_TABLE}" ORDER BY name`);
  return new Map(result.rows.map((row) => [row.name, row.checksum]));
}

function assertAppliedUnchanged(files: MigrationFile[], appliedChecksums: Map<string, string>, log: (line: string) => void): void {
  const fileNames = new Set(files.map((file) => file.name));
  for (const file of files) {
    const appliedChecksum = appliedChecksums.get(file.name);
    if (appliedChecksum !== undefined && appliedChecksum !== file.checksum) {
      throw new Error(
        `Refusing to migrate: ${file.filePath} was changed after migration ${file.name} was applied ` +
          `(checksum ${appliedChecksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk). ` +
          "Restore the applied file and put the change in a new migration.",
      );
    }
  }
  // An older build running against a newer database: not fatal, but worth saying.
  for (const name of appliedChecksums.keys()) {
    if (!fileNames.has(name)) log(`warning: applied migration ${name} has no file in this build`);
  }
}

async function applyMigration(client: pg.Client, file: MigrationFile): Promise<void> {
  await client.query("BEGIN");
  try {
    // No parameters: the simple query protocol runs the whole multi-statement file.
    await client.query(file.sql);
    await client.query(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum) VALUES ($1, $2)`, [file.name, file.checksum]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${file.name} failed (${file.filePath}): ${reason}`, { cause: error });
  }
}
