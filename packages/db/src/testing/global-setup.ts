/**
 * Vitest global setup (root vitest.config.ts): one Postgres server per run and
 * one migrated template database that each test file clones
 * (createTestDatabase in ./database.ts).
 *
 * TEST_DATABASE_URL set: use that server (the URL's database only serves for
 * CREATE/DROP DATABASE). Otherwise: embedded Postgres on a free port in a
 * fresh temp dir, deleted at the end.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "../embedded.ts";
import { migrate } from "../migrate.ts";
import { testDatabasePrefix, withDatabaseName } from "./provided-context.ts";

// Test data is disposable: trade crash safety for speed.
const THROWAWAY_SERVER_SETTINGS = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPostgresServer | undefined;
  let tempDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tempDir = await mkdtemp(path.join(tmpdir(), "parley-test-pg-"));
    // As root the server runs as "postgres", which must be able to enter it.
    await chmod(tempDir, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(tempDir, "data"),
      persistent: false,
      serverSettings: THROWAWAY_SERVER_SETTINGS,
    });
    adminUrl = embedded.adminConnectionString;
  }

  const templateDatabase = `parley_tpl_${randomBytes(6).toString("hex")}`;
  try {
    await runAdmin(adminUrl, async (admin) => {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(templateDatabase)}`);
    });
    await migrate(withDatabaseName(adminUrl, templateDatabase));
    // Nobody may connect to the template: a connection would make clones fail.
    await runAdmin(adminUrl, (admin) => admin.query(`ALTER DATABASE ${admin.escapeIdentifier(templateDatabase)} WITH ALLOW_CONNECTIONS false`));
  } catch (error) {
    await embedded?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    throw error;
  }

  project.provide("parleyAdminDatabaseUrl", adminUrl);
  project.provide("parleyTemplateDatabase", templateDatabase);

  const serverUrl = adminUrl;
  return async function teardown() {
    try {
      await runAdmin(serverUrl, async (admin) => {
        // Test files drop their own databases; these are the ones a crash left behind.
        const leftovers = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [
          testDatabasePrefix(templateDatabase),
        ]);
        for (const name of [...leftovers.rows.map((row) => row.datname), templateDatabase]) {
          await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
        }
      });
    } finally {
      await embedded?.stop();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    }
  };
}

async function runAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
