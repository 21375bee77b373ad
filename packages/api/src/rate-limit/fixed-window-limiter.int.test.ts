import { createPrismaClient } from "@parley/db/client";
import { databaseForThisFile } from "@parley/db/testing/database";
import { describe, expect, it } from "vitest";
import { logger } from "../logger.ts";
import { createPostgresFixedWindowLimiter } from "./fixed-window-limiter.ts";

const database = databaseForThisFile();
const rule = { limit: 5, windowMs: 60_000 };
const silent = logger.child({});
silent.level = "silent";

describe("Postgres fixed-window limiter", () => {
  it("shares one count between web nodes", async () => {
    const nodeA = createPostgresFixedWindowLimiter({ db: database.prisma, rule, logger: silent });
    const nodeB = createPostgresFixedWindowLimiter({ db: database.prisma, rule, logger: silent });
    const now = new Date("2026-05-01T10:00:00.000Z");
    const counts: number[] = [];
    for (let i = 0; i < 6; i += 1) counts.push((await (i % 2 === 0 ? nodeA : nodeB).hit("shared", now)).count);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
    await expect(nodeA.hit("shared", now)).resolves.toMatchObject({ isOverLimit: true });
  });

  it("starts a new window when the old one ends, and refunds only within the window", async () => {
    const limiter = createPostgresFixedWindowLimiter({ db: database.prisma, rule, logger: silent });
    const start = new Date("2026-05-01T11:00:00.000Z");
    for (let i = 0; i < 6; i += 1) await limiter.hit("windowed", start);
    await limiter.refund("windowed", start);
    await expect(limiter.hit("windowed", new Date(start.getTime() + 59_999))).resolves.toMatchObject({ count: 6, isOverLimit: true });
    const next = new Date(start.getTime() + 60_000);
    await expect(limiter.hit("windowed", next)).resolves.toEqual({ count: 1, resetAt: new Date(next.getTime() + 60_000), isOverLimit: false });
  });

  it("gives each of 40 concurrent hits a distinct count", async () => {
    const limiter = createPostgresFixedWindowLimiter({ db: database.prisma, rule, logger: silent });
    const now = new Date("2026-05-01T12:00:00.000Z");
    const hits = await Promise.all(Array.from({ length: 40 }, () => limiter.hit("concurrent", now)));
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(hits.filter((hit) => !hit.isOverLimit)).toHaveLength(5);
  });

  it("keeps limiting in memory when the database is unreachable", async () => {
    const unreachable = createPrismaClient("postgres://nobody@127.0.0.1:1/nothing?connect_timeout=2");
    try {
      const limiter = createPostgresFixedWindowLimiter({ db: unreachable, rule, logger: silent });
      const now = new Date("2026-05-01T13:00:00.000Z");
      const hits = [];
      for (let i = 0; i < 6; i += 1) hits.push(await limiter.hit("offline", now));
      expect(hits.map((hit) => hit.isOverLimit)).toEqual([false, false, false, false, false, true]);
    } finally {
      await unreachable.$disconnect();
    }
  });
});
