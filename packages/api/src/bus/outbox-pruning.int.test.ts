/**
 * Published outbox rows are deleted once they are older than the retention;
 * unpublished rows (still owed to the bus) and recently published ones stay.
 */
import { describe, expect, it } from "vitest";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts } from "../testing/personas.ts";
import { prunePublishedOutbox } from "./outbox.ts";

const context = personaDatabaseForThisFile();
const HOUR_MS = 60 * 60_000;

/** One outbox row per entry, published that many minutes ago (null: not published), created two days ago. */
async function insertRows(topic: string, publishedMinutesAgo: readonly (number | null)[]): Promise<void> {
  for (const minutesAgo of publishedMinutesAgo) {
    await context.database.prisma.$executeRaw`
      INSERT INTO "Outbox" ("topic", "payload", "createdAt", "publishedAt")
      VALUES (${topic}, '{}'::jsonb, now() - interval '2 days',
              CASE WHEN ${minutesAgo}::int IS NULL THEN NULL ELSE now() - make_interval(mins => ${minutesAgo}::int) END)`;
  }
}

async function remaining(topic: string): Promise<{ published: number; unpublished: number }> {
  const [published, unpublished] = await Promise.all([
    context.database.prisma.outbox.count({ where: { topic, publishedAt: { not: null } } }),
    context.database.prisma.outbox.count({ where: { topic, publishedAt: null } }),
  ]);
  return { published, unpublished };
}

describe("pruning published outbox rows", () => {
  it("deletes rows published longer ago than the retention, and only those", async () => {
    const ports = createTestPorts(context.database.prisma);
    await insertRows("prune:a", [180, 120, 61, 59, 1, null, null]);
    expect(await prunePublishedOutbox(ports, { retainPublishedMs: HOUR_MS })).toBe(3);
    // Published 59 and 1 minutes ago stay; rows the bus still owes are never touched, however old.
    expect(await remaining("prune:a")).toEqual({ published: 2, unpublished: 2 });
    expect(await prunePublishedOutbox(ports, { retainPublishedMs: HOUR_MS })).toBe(0);
  });

  it("deletes at most a batch per call, oldest first", async () => {
    const ports = createTestPorts(context.database.prisma);
    await insertRows("prune:b", [300, 300, 300, 300, 300]);
    const ids = async () =>
      (await context.database.prisma.outbox.findMany({ where: { topic: "prune:b" }, select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
    const inserted = await ids();
    expect(await prunePublishedOutbox(ports, { retainPublishedMs: HOUR_MS, pruneBatchSize: 2 })).toBe(2);
    expect(await ids()).toEqual(inserted.slice(2));
    expect(await prunePublishedOutbox(ports, { retainPublishedMs: HOUR_MS, pruneBatchSize: 10 })).toBe(3);
    expect(await remaining("prune:b")).toEqual({ published: 0, unpublished: 0 });
  });
});
