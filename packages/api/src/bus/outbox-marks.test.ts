import { describe, expect, it } from "vitest";
import type { Db } from "../conversations/database.ts";
import { markPublished } from "./outbox-marks.ts";

/** A Db whose UPDATEs complete only when the test says so; records each one's ids. */
function fakeDb() {
  const updates: { ids: string[]; finish: () => void }[] = [];
  const db = {
    $executeRaw: (_strings: TemplateStringsArray, _publishedAt: Date, ids: string[]) =>
      new Promise<number>((resolve) => updates.push({ ids, finish: () => resolve(ids.length) })),
  };
  return { db: db as unknown as Db, updates };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("markPublished", () => {
  it("marks a lone send's rows at once, in one UPDATE", async () => {
    const { db, updates } = fakeDb();
    const marked = markPublished(db, [1n, 2n], new Date());
    await settle();
    expect(updates.map((update) => update.ids)).toEqual([["1", "2"]]);
    updates[0]?.finish();
    await expect(marked).resolves.toBeUndefined();
  });

  it("groups the rows of sends finishing while an UPDATE is in flight into the next one, and settles each caller after its own rows", async () => {
    const { db, updates } = fakeDb();
    const first = markPublished(db, [1n], new Date());
    const settled: string[] = [];
    const later = [markPublished(db, [2n], new Date()), markPublished(db, [3n, 4n], new Date())].map((marked, index) => marked.then(() => settled.push(`later ${index}`)));
    await settle();
    expect(updates.map((update) => update.ids)).toEqual([["1"]]);
    updates[0]?.finish();
    await first;
    await settle();
    expect(updates.map((update) => update.ids)).toEqual([["1"], ["2", "3", "4"]]);
    expect(settled).toEqual([]);
    updates[1]?.finish();
    await Promise.all(later);
    expect(settled).toHaveLength(2);
    // Idle again: the next mark goes out on its own.
    const next = markPublished(db, [5n], new Date());
    await settle();
    expect(updates.map((update) => update.ids)).toEqual([["1"], ["2", "3", "4"], ["5"]]);
    updates[2]?.finish();
    await next;
  });
});
