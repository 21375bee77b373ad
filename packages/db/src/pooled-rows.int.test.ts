import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient, Prisma, type PrismaClient } from "./client.ts";
import { queryRows } from "./pooled-rows.ts";
import { createTestDatabase, type TestDatabase } from "./testing/database.ts";

let database: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase();
  prisma = createPrismaClient(database.url);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

// One row of each column type the hot statements return.
const everyType = (marker: string) => Prisma.sql`
  SELECT 9007199254740993::int8 AS "big", NULL::int8 AS "noBig", 7::int4 AS "small", ${marker}::text AS "text",
         '2026-12-03T06:00:00.123Z'::timestamptz AS "at", true AS "flag", '{"a":[1,"b"]}'::jsonb AS "json",
         'a3bb189e-8bf9-3888-9912-ace4e6543002'::uuid AS "id", count(*) AS "counted"
  FROM (VALUES (1), (2)) AS v(x)`;

describe("queryRows", () => {
  it("reads rows off the pool as $queryRaw returns them", async () => {
    const [direct] = await queryRows<Record<string, unknown>>(prisma, everyType("direct"));
    const [viaPrisma] = await prisma.$queryRaw<Record<string, unknown>[]>(everyType("direct"));
    expect(direct).toEqual(viaPrisma);
    expect(direct).toEqual({
      big: 9007199254740993n,
      noBig: null,
      small: 7,
      text: "direct",
      at: new Date("2026-12-03T06:00:00.123Z"),
      flag: true,
      json: { a: [1, "b"] },
      id: "a3bb189e-8bf9-3888-9912-ace4e6543002",
      counted: 2n,
    });
  });

  it("runs inside a transaction on the transaction's connection", async () => {
    await prisma.$executeRaw`CREATE TABLE "PooledRowsProbe" ("n" int8)`;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "PooledRowsProbe" VALUES (1)`;
        const seen = await queryRows<{ n: bigint }>(tx, Prisma.sql`SELECT "n" FROM "PooledRowsProbe"`);
        expect(seen).toEqual([{ n: 1n }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await queryRows(prisma, Prisma.sql`SELECT "n" FROM "PooledRowsProbe"`)).toEqual([]);
  });

  it("fails with the server's SQLSTATE, and goes on working after", async () => {
    await expect(queryRows(prisma, Prisma.sql`SELECT 1/0`)).rejects.toMatchObject({ code: "22012" });
    expect(await queryRows(prisma, Prisma.sql`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
  });

  it("queries the pool of the client it was registered for directly, never through $queryRaw; any other object goes through its $queryRaw", async () => {
    const viaPrisma = vi.spyOn(prisma, "$queryRaw");
    try {
      expect(await queryRows(prisma, Prisma.sql`SELECT 4 AS "four"`)).toEqual([{ four: 4 }]);
      expect(viaPrisma).not.toHaveBeenCalled();
      // The pool travels on the client itself (no registry): a copy of the client's properties does not carry it.
      const unregistered = Object.assign(Object.create(null) as object, { $queryRaw: prisma.$queryRaw.bind(prisma) });
      expect(await queryRows(unregistered as PrismaClient, Prisma.sql`SELECT 5 AS "five"`)).toEqual([{ five: 5 }]);
      expect(viaPrisma).toHaveBeenCalledTimes(1);
    } finally {
      viaPrisma.mockRestore();
    }
  });

  it("goes through Prisma once $disconnect has ended the pool", async () => {
    const client = createPrismaClient(database.url);
    expect(await queryRows(client, Prisma.sql`SELECT 2 AS "two"`)).toEqual([{ two: 2 }]);
    await client.$disconnect();
    expect(await queryRows(client, Prisma.sql`SELECT 3 AS "three"`)).toEqual([{ three: 3 }]);
    await client.$disconnect();
  });
});
