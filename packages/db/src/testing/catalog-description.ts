/**
 * What a live database holds, read from pg_catalog in the shape of
 * SchemaDescription (./schema-description.ts), plus the objects Prisma cannot
 * describe at all (partitions, functions, check constraints).
 */
import type pg from "pg";
import type { SchemaDescription } from "./schema-description.ts";

export interface CatalogDescription extends SchemaDescription {
  /** partition → its parent table */
  partitions: Record<string, string>;
  /** partitioned table → pg_get_partkeydef, e.g. "RANGE (id)" */
  partitionKeys: Record<string, string>;
  functions: string[];
  /** CHECK and EXCLUDE constraints, "Table.name" */
  otherConstraints: string[];
}

const IN_SCHEMA = "n.nspname = current_schema()";

export async function describeCatalog(db: pg.ClientBase): Promise<CatalogDescription> {
  const description: CatalogDescription = {
    tables: [],
    enums: {},
    columns: {},
    primaryKeys: {},
    indexes: {},
    foreignKeys: {},
    partitions: {},
    partitionKeys: {},
    functions: [],
    otherConstraints: [],
  };

  const tables = await db.query<{ name: string; parent: string | null; partition_key: string | null }>(`
    SELECT c.relname AS name, parent.relname AS parent,
           CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
    LEFT JOIN pg_class parent ON parent.oid = i.inhparent
    WHERE ${IN_SCHEMA} AND c.relkind IN ('r', 'p')`);
  for (const table of tables.rows) {
    if (table.parent) description.partitions[table.name] = table.parent;
    else description.tables.push(table.name);
    if (table.partition_key) description.partitionKeys[table.name] = table.partition_key;
  }
  description.tables.sort();

  const enums = await db.query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE ${IN_SCHEMA} GROUP BY t.typname`);
  for (const row of enums.rows) description.enums[row.name] = row.labels;

  const columns = await db.query<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    generated: string;
    expression: string | null;
  }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, a.attgenerated AS generated, pg_get_expr(d.adbin, d.adrelid) AS expression
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE ${IN_SCHEMA} AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped`);
  for (const row of columns.rows) {
    let text = `${row.type}${row.not_null ? " NOT NULL" : ""}`;
    if (row.expression !== null) {
      text += row.generated === "s" ? ` GENERATED ALWAYS AS (${row.expression}) STORED` : ` DEFAULT ${row.expression}`;
    }
    description.columns[`${row.table}.${row.column}`] = text;
  }

  const constraints = await db.query<{
    name: string;
    type: string;
    table: string;
    columns: string[];
    ref_table: string | null;
    ref_columns: string[] | null;
    on_delete: string;
    on_update: string;
  }>(`
    SELECT con.conname AS name, con.contype AS type, c.relname AS table,
           ${columnNames("con.conrelid", "con.conkey")} AS columns,
           f.relname AS ref_table,
           ${columnNames("con.confrelid", "con.confkey")} AS ref_columns,
           con.confdeltype AS on_delete, con.confupdtype AS on_update
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class f ON f.oid = con.confrelid
    WHERE ${IN_SCHEMA} AND NOT c.relispartition AND con.contype IN ('p', 'f', 'c', 'x')`);
  for (const row of constraints.rows) {
    if (row.type === "p") {
      description.primaryKeys[row.name] = `${row.table} (${row.columns.join(", ")})`;
    } else if (row.type === "f") {
      description.foreignKeys[row.name] =
        `${row.table} (${row.columns.join(", ")}) → ${row.ref_table} (${(row.ref_columns ?? []).join(", ")}) ` +
        `ON DELETE ${ACTION_BY_CODE[row.on_delete]} ON UPDATE ${ACTION_BY_CODE[row.on_update]}`;
    } else {
      description.otherConstraints.push(`${row.table}.${row.name}`);
    }
  }

  const indexes = await db.query<{
    name: string;
    table: string;
    is_unique: boolean;
    method: string;
    columns: string[];
    predicate: string | null;
  }>(`
    SELECT i.relname AS name, t.relname AS table, ix.indisunique AS is_unique, am.amname AS method,
           (SELECT array_agg(coalesce(a.attname::text, '<expression>') ORDER BY k.ord)
              FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
              LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
             WHERE k.ord <= ix.indnkeyatts) AS columns,
           pg_get_expr(ix.indpred, ix.indrelid) AS predicate
    FROM pg_index ix
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_am am ON am.oid = i.relam
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE ${IN_SCHEMA} AND NOT t.relispartition AND NOT ix.indisprimary`);
  for (const row of indexes.rows) {
    description.indexes[row.name] =
      `${row.table} ${row.is_unique ? "UNIQUE " : ""}${row.method} (${row.columns.join(", ")})` + (row.predicate ? ` WHERE ${row.predicate}` : "");
  }

  const functions = await db.query<{ name: string }>(`
    SELECT p.proname AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${IN_SCHEMA}
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`);
  description.functions = functions.rows.map((row) => row.name).sort();

  return description;
}

/** Column names of `keys` (an attnum array) of relation `relation`, in key order. */
function columnNames(relation: string, keys: string): string {
  return `(SELECT array_agg(a.attname::text ORDER BY k.ord)
             FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum)`;
}

const ACTION_BY_CODE: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};
