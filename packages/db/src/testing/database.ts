/**
 * One fresh, migrated database per test file, cloned from the template the
 * global setup migrated (CREATE DATABASE ... TEMPLATE is a file copy: fast).
 *
 *   const db = await createTestDatabase();   // beforeAll
 *   await db.drop();                          // afterAll
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "../client.ts";
import { testDatabasePrefix, withDatabaseName } from "./provided-context.ts";
import { runOnAdmin } from "./query.ts";

export interface TestDatabase {
  /** Connection string of this file's own database. */
  url: string;
  prisma: PrismaClient;
  /** Disconnects the Prisma client and drops the database (other connections are closed). */
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("parleyAdminDatabaseUrl");
  const templateDatabase = inject("parleyTemplateDatabase");
  const name = `${testDatabasePrefix(templateDatabase)}${randomBytes(5).toString("hex")}`;

  await runOnAdmin(adminUrl, (admin) => `CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(templateDatabase)}`);
  const url = withDatabaseName(adminUrl, name);
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await runOnAdmin(adminUrl, (admin) => `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    },
  };
}

/**
 * This test file's own database, created before its first test and dropped
 * after its last: `const database = databaseForThisFile();` at the top of the
 * file, then `database.prisma` in tests and hooks.
 */
export function databaseForThisFile(): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.drop();
  });
  const created = () => {
    if (!current) throw new Error("this file's database is created in beforeAll: use it inside a test or a hook");
    return current;
  };
  return {
    get url() {
      return created().url;
    },
    get prisma() {
      return created().prisma;
    },
    drop: () => created().drop(),
  };
}

/** An empty database (no migrations), for tests of the migration runner itself. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject("parleyAdminDatabaseUrl");
  const name = `${testDatabasePrefix(inject("parleyTemplateDatabase"))}${randomBytes(5).toString("hex")}`;
  await runOnAdmin(adminUrl, (admin) => `CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  return {
    url: withDatabaseName(adminUrl, name),
    drop: () => runOnAdmin(adminUrl, (admin) => `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`),
  };
}
