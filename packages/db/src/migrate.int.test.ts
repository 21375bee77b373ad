import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrationFiles } from "./migrate.ts";
import { createEmptyDatabase } from "./testing/database.ts";
import { queryRows } from "./testing/query.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function freshDatabase(): Promise<string> {
  const database = await createEmptyDatabase();
  cleanups.push(database.drop);
  return database.url;
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "parley-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

const appliedRows = (url: string) => queryRows<{ name: string; checksum: string }>(url, `SELECT name, checksum FROM "_parley_migrations" ORDER BY name`);

const tableExists = async (url: string, table: string) =>
  (await queryRows<{ oid: string | null }>(url, `SELECT to_regclass('"${table}"')::text AS oid`))[0]?.oid !== null;

describe("migrate", () => {
  it("applies every migration to a fresh database once, records it, and creates message partitions", async () => {
    const url = await freshDatabase();
    const files = await readMigrationFiles();
    expect(files.map((file) => file.name)).toContain("20261123000000_init");

    const lines: string[] = [];
    const first = await migrate(url, { log: (line) => lines.push(line) });
    expect(first.applied).toEqual(files.map((file) => file.name));
    expect(await appliedRows(url)).toEqual(files.map((file) => ({ name: file.name, checksum: file.checksum })));
    expect(lines).toContain("applied migration 20261123000000_init");
    expect(await tableExists(url, "Message")).toBe(true);

    // One month back to three ahead, by UTC month.
    const now = new Date();
    const expectedPartitions = [-1, 0, 1, 2, 3].map((offset) => {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
      return `Message_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
    });
    const partitions = await queryRows<{ name: string }>(
      url,
      `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = '"Message"'::regclass`,
    );
    expect(partitions.map((row) => row.name.replaceAll('"', "")).sort()).toEqual([...expectedPartitions, "Message_default"].sort());

    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    expect(await appliedRows(url)).toHaveLength(files.length);
  });

  it("lets two runners start at once: both succeed and each migration is applied once", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    // One of them did the work; the other waited on the lock and found nothing to do.
    const shipped = (await readMigrationFiles()).map((file) => file.name);
    expect([...a.applied, ...b.applied]).toEqual(shipped);
    expect((await appliedRows(url)).map((row) => row.name)).toEqual(shipped);
  });

  it("refuses to run when an applied migration file changed, naming the file, and changes nothing", async () => {
    const url = await freshDatabase();
    const dir = await copyOfMigrations();
    await migrate(url, { migrationsDir: dir });
    const before = await appliedRows(url);

    // An edited applied file plus a new pending migration: neither may run.
    const editedFile = path.join(dir, "20261123000000_init", "migration.sql");
    await appendFile(editedFile, '\nCREATE TABLE "SneakyEdit" (x int);\n');
    await mkdir(path.join(dir, "29991231000000_next"));
    await writeFile(path.join(dir, "29991231000000_next", "migration.sql"), 'CREATE TABLE "NextTable" (x int);\n');

    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(editedFile);
    expect(await appliedRows(url)).toEqual(before);
    expect(await tableExists(url, "SneakyEdit")).toBe(false);
    expect(await tableExists(url, "NextTable")).toBe(false);
  });

  it("rolls back a failing migration completely, names it, and keeps earlier ones", async () => {
    const url = await freshDatabase();
    const dir = await copyOfMigrations();
    await mkdir(path.join(dir, "29991231000000_broken"));
    await writeFile(path.join(dir, "29991231000000_broken", "migration.sql"), 'CREATE TABLE "HalfDone" (x int);\nSELECT no_such_function();\n');

    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/29991231000000_broken.*no_such_function/s);
    const shipped = (await readMigrationFiles()).map((file) => file.name);
    expect((await appliedRows(url)).map((row) => row.name)).toEqual(shipped);
    expect(await tableExists(url, "HalfDone")).toBe(false);
  });
});
