/**
 * Two descriptions of the same database schema, in one comparable shape:
 * what prisma/schema.prisma says (via Prisma's DMMF, using the names
 * `prisma migrate` would give) and what a live database holds (pg_catalog).
 * src/schema-drift.int.test.ts compares them.
 */
import { createRequire } from "node:module";
import type * as PrismaInternals from "@prisma/internals";

export interface SchemaDescription {
  tables: string[];
  enums: Record<string, string[]>;
  /** "Table.column" → "type[ NOT NULL][ DEFAULT expr][ GENERATED ALWAYS AS (expr) STORED]" */
  columns: Record<string, string>;
  /** constraint name → "Table (a, b)" */
  primaryKeys: Record<string, string>;
  /** index name → "Table [UNIQUE ]method (a, b)[ WHERE predicate]" (primary keys excluded) */
  indexes: Record<string, string>;
  /** constraint name → "Table (a) → Other (id) ON DELETE x ON UPDATE y" */
  foreignKeys: Record<string, string>;
}

type Dmmf = Awaited<ReturnType<typeof PrismaInternals.getDMMF>>;
type Model = Dmmf["datamodel"]["models"][number];
type Field = Model["fields"][number];

// @prisma/internals is CommonJS whose named exports Node cannot detect.
const { getDMMF } = createRequire(import.meta.url)("@prisma/internals") as typeof PrismaInternals;

export async function describePrismaSchema(schemaText: string): Promise<SchemaDescription> {
  const dmmf = await getDMMF({ datamodel: schemaText });
  const enumDbNames = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const unsupported = unsupportedFields(schemaText);
  const tableOf = new Map(dmmf.datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const description = emptyDescription();

  for (const e of dmmf.datamodel.enums) description.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  for (const model of dmmf.datamodel.models) {
    const table = tableOf.get(model.name)!;
    description.tables.push(table);
    const columnOf = new Map<string, string>(unsupported.filter((f) => f.model === model.name).map((f) => [f.name, f.column]));
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const column = field.dbName ?? field.name;
      columnOf.set(field.name, column);
      const type = field.kind === "enum" ? quoteIdent(enumDbNames.get(field.type)!) : scalarColumnType(field);
      const isNotNull = field.isRequired && !field.isList; // Prisma leaves list columns nullable
      const columnDefault = expectedDefault(table, column, field);
      description.columns[`${table}.${column}`] = columnText(type + (field.isList ? "[]" : ""), isNotNull, columnDefault);
    }
    for (const f of unsupported.filter((u) => u.model === model.name)) {
      description.columns[`${table}.${f.column}`] = columnText(f.type, f.isRequired, null);
    }
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const columns = field.relationFromFields.map((name) => columnOf.get(name)!);
      const target = dmmf.datamodel.models.find((m) => m.name === field.type)!;
      const targetColumns = (field.relationToFields ?? []).map((name) => target.fields.find((f) => f.name === name)?.dbName ?? name);
      const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
      const onUpdate = field.relationOnUpdate ?? "Cascade";
      description.foreignKeys[constraintName(table, columns, "fkey")] =
        `${table} (${columns.join(", ")}) → ${tableOf.get(target.name)} (${targetColumns.join(", ")}) ` +
        `ON DELETE ${REFERENTIAL_ACTION[onDelete]} ON UPDATE ${REFERENTIAL_ACTION[onUpdate]}`;
    }
  }

  for (const index of dmmf.datamodel.indexes) {
    const table = tableOf.get(index.model)!;
    const model = dmmf.datamodel.models.find((m) => m.name === index.model)!;
    const unsupportedColumns = new Map(unsupported.filter((f) => f.model === model.name).map((f) => [f.name, f.column]));
    const columns = index.fields.map((f) => model.fields.find((field) => field.name === f.name)?.dbName ?? unsupportedColumns.get(f.name) ?? f.name);
    if (index.type === "id") {
      description.primaryKeys[index.dbName ?? `${table}_pkey`] = `${table} (${columns.join(", ")})`;
    } else if (index.type === "unique" || index.type === "normal") {
      const isUnique = index.type === "unique";
      const name = index.dbName ?? constraintName(table, columns, isUnique ? "key" : "idx");
      const method = (index.algorithm ?? "BTree").toLowerCase();
      description.indexes[name] = `${table} ${isUnique ? "UNIQUE " : ""}${method} (${columns.join(", ")})`;
    } else {
      throw new Error(`schema-description: teach me ${index.type} indexes (${index.model})`);
    }
  }
  description.tables.sort();
  return description;
}

/** `Unsupported("...")` fields are missing from the DMMF: read them from the schema text. */
function unsupportedFields(schemaText: string) {
  const fields: Array<{ model: string; name: string; column: string; type: string; isRequired: boolean }> = [];
  for (const block of schemaText.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of block[2]!.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/gm)) {
      const mapped = /@map\("([^"]+)"\)/.exec(line[4] ?? "")?.[1];
      fields.push({ model: block[1]!, name: line[1]!, column: mapped ?? line[1]!, type: line[2]!, isRequired: !line[3] });
    }
  }
  return fields;
}

const REFERENTIAL_ACTION: Record<string, string> = {
  Cascade: "CASCADE",
  SetNull: "SET NULL",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetDefault: "SET DEFAULT",
};

const PRISMA_DEFAULT_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

function scalarColumnType(field: Field): string {
  if (!field.nativeType) {
    const type = PRISMA_DEFAULT_TYPES[field.type];
    if (!type) throw new Error(`schema-description: no Postgres type for Prisma ${field.type} (${field.name})`);
    return type;
  }
  const [name, args] = field.nativeType as [string, string[]];
  switch (name) {
    case "Uuid":
      return "uuid";
    case "Text":
      return "text";
    case "Integer":
      return "integer";
    case "BigInt":
      return "bigint";
    case "SmallInt":
      return "smallint";
    case "JsonB":
      return "jsonb";
    case "Timestamptz":
      return `timestamp(${args[0] ?? 6}) with time zone`;
    case "Timestamp":
      return `timestamp(${args[0] ?? 6}) without time zone`;
    case "VarChar":
      return args[0] ? `character varying(${args[0]})` : "character varying";
    default:
      throw new Error(`schema-description: add @db.${name} to the type map (${field.name})`);
  }
}

/** The column default as Postgres prints it (pg_get_expr), for the defaults Prisma puts in the database. */
function expectedDefault(table: string, column: string, field: Field): string | null {
  if (!field.hasDefaultValue) return null;
  const value = field.default as unknown;
  if (typeof value === "object" && value !== null && "name" in value) {
    const fn = value as { name: string; args: unknown[] };
    switch (fn.name) {
      case "now":
        return "CURRENT_TIMESTAMP";
      case "autoincrement":
        return `nextval('${quoteIdent(`${table}_${column}_seq`)}'::regclass)`;
      // Prisma fills uuid() in the client; our SQL also defaults it, for raw inserts.
      case "uuid":
        return "gen_random_uuid()";
      case "dbgenerated":
        return String(fn.args[0]);
      default:
        throw new Error(`schema-description: teach me @default(${fn.name}()) (${table}.${column})`);
    }
  }
  if (field.kind === "enum") return `'${String(value)}'::${quoteIdent(field.type)}`;
  if (field.type === "String") return `'${String(value)}'::text`;
  if (field.type === "Json") return `'${String(value)}'::jsonb`;
  return String(value);
}

function columnText(type: string, isNotNull: boolean, columnDefault: string | null): string {
  return `${type}${isNotNull ? " NOT NULL" : ""}${columnDefault ? ` DEFAULT ${columnDefault}` : ""}`;
}

function constraintName(table: string, columns: string[], suffix: string): string {
  const name = `${table}_${columns.join("_")}_${suffix}`;
  if (name.length > 63) throw new Error(`schema-description: teach me Prisma's truncation of ${name}`);
  return name;
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

function emptyDescription(): SchemaDescription {
  return { tables: [], enums: {}, columns: {}, primaryKeys: {}, indexes: {}, foreignKeys: {} };
}
