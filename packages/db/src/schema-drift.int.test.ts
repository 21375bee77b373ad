/**
 * The migrations (hand-written SQL) and prisma/schema.prisma must describe the
 * same database. Everything the SQL creates that Prisma cannot express is
 * listed below with its reason; anything else on either side fails the test.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeCatalog, type CatalogDescription } from "./testing/catalog-description.ts";
import { createTestDatabase, type TestDatabase } from "./testing/database.ts";
import { describePrismaSchema, type SchemaDescription } from "./testing/schema-description.ts";

const SQL_ONLY = {
  tables: {
    _parley_migrations: "bookkeeping of the migration runner (src/migrate.ts)",
  },
  partitionedTables: {
    Message: {
      partitionKey: "RANGE (id)",
      partitionName: /^Message_(y\d{4}m(0[1-9]|1[0-2])|default)$/,
      reason: "monthly partitions by time-ordered id plus a default; Prisma only sees the parent",
    },
  },
  generatedColumns: {
    "Message.bodyTsv": {
      expression: "to_tsvector('english'::regconfig, body)",
      reason: "full-text search vector; Prisma has no generated columns (Unsupported in the schema)",
    },
  },
  indexes: {
    Conversation_workspaceId_name_key: {
      definition: `Conversation UNIQUE btree (workspaceId, name) WHERE (name IS NOT NULL)`,
      reason: "channel names unique per workspace; DMs have none (partial, so not expressible in Prisma)",
    },
  },
  partialIndexes: {
    Outbox_unpublished_idx: {
      predicate: `("publishedAt" IS NULL)`,
      reason: "the relay only reads unpublished rows; Prisma declares the index without its WHERE",
    },
  },
  functions: {
    parley_message_id_floor: "smallest message id at a time (same layout as src/ids.ts)",
    parley_ensure_message_partitions: "creates the monthly Message partitions",
  },
} as const;

const SCHEMA_PATH = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));

let database: TestDatabase;
let fromPrisma: SchemaDescription;
let fromSql: CatalogDescription;

beforeAll(async () => {
  database = await createTestDatabase();
  fromPrisma = await describePrismaSchema(await readFile(SCHEMA_PATH, "utf8"));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    fromSql = await describeCatalog(client);
  } finally {
    await client.end();
  }
});
afterAll(() => database?.drop());

const sqlOnlyTables = new Set<string>(Object.keys(SQL_ONLY.tables));
const isOfSqlOnlyTable = (description: string) => sqlOnlyTables.has(description.split(/[ .]/)[0]!);

function withoutKeys(record: Record<string, string>, drop: (key: string, value: string) => boolean) {
  return Object.fromEntries(Object.entries(record).filter(([key, value]) => !drop(key, value)));
}

describe("schema drift: migrations vs schema.prisma", () => {
  it("describes a non-trivial schema on both sides (guards the premise)", () => {
    expect(fromPrisma.tables.length).toBeGreaterThan(10);
    expect(Object.keys(fromPrisma.columns).length).toBeGreaterThan(100);
    expect(Object.keys(fromSql.columns).length).toBeGreaterThan(100);
  });

  it("has one table per model, plus only the allow-listed SQL-only tables", () => {
    expect(fromSql.tables.filter((table) => !sqlOnlyTables.has(table))).toEqual(fromPrisma.tables);
    for (const table of sqlOnlyTables) expect(fromSql.tables).toContain(table);
  });

  it("has the same enums with the same values in the same order", () => {
    expect(fromSql.enums).toEqual(fromPrisma.enums);
  });

  it("has one column per scalar field, with the same type, nullability and default", () => {
    const sqlColumns = withoutKeys(fromSql.columns, (key) => isOfSqlOnlyTable(key));
    for (const [column, { expression }] of Object.entries(SQL_ONLY.generatedColumns)) {
      // Prisma knows the column (as Unsupported); only the generation is SQL-only.
      expect(sqlColumns[column]).toBe(`${fromPrisma.columns[column]} GENERATED ALWAYS AS (${expression}) STORED`);
      sqlColumns[column] = fromPrisma.columns[column]!;
    }
    expect(sqlColumns).toEqual(fromPrisma.columns);
  });

  it("has the same primary keys", () => {
    expect(withoutKeys(fromSql.primaryKeys, (_, value) => isOfSqlOnlyTable(value))).toEqual(fromPrisma.primaryKeys);
  });

  it("has the same unique and plain indexes, plus only the allow-listed SQL-only and partial ones", () => {
    const sqlIndexes = withoutKeys(fromSql.indexes, (name, value) => name in SQL_ONLY.indexes || isOfSqlOnlyTable(value));
    for (const [name, { definition }] of Object.entries(SQL_ONLY.indexes)) {
      expect(fromSql.indexes[name]).toBe(definition);
    }
    for (const [name, { predicate }] of Object.entries(SQL_ONLY.partialIndexes)) {
      expect(sqlIndexes[name]).toBe(`${fromPrisma.indexes[name]} WHERE ${predicate}`);
      sqlIndexes[name] = fromPrisma.indexes[name]!;
    }
    // Any other partial index would be a difference Prisma cannot see.
    expect(Object.values(sqlIndexes).filter((value) => value.includes(" WHERE "))).toEqual([]);
    expect(sqlIndexes).toEqual(fromPrisma.indexes);
  });

  it("has the same foreign keys with the same referential actions", () => {
    expect(Object.keys(fromPrisma.foreignKeys).length).toBeGreaterThan(0);
    expect(fromSql.foreignKeys).toEqual(fromPrisma.foreignKeys);
  });

  it("partitions only the allow-listed tables, by the allow-listed key and partition names", () => {
    expect(fromSql.partitionKeys).toEqual(Object.fromEntries(Object.entries(SQL_ONLY.partitionedTables).map(([table, p]) => [table, p.partitionKey])));
    const partitionNames = Object.keys(fromSql.partitions);
    expect(partitionNames).toContain("Message_default");
    for (const [partition, parent] of Object.entries(fromSql.partitions)) {
      expect(Object.keys(SQL_ONLY.partitionedTables)).toContain(parent);
      expect(partition).toMatch(SQL_ONLY.partitionedTables[parent as keyof typeof SQL_ONLY.partitionedTables].partitionName);
    }
  });

  it("has exactly the allow-listed functions and no other constraints", () => {
    expect(fromSql.functions).toEqual(Object.keys(SQL_ONLY.functions).sort());
    expect(fromSql.otherConstraints).toEqual([]);
  });
});
