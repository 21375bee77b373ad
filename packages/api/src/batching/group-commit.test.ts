import { describe, expect, it } from "vitest";
import { createGroupCommit, fulfilled } from "./group-commit.ts";

/** An executor whose batches finish only when the test says so. */
function controlledExecutor() {
  const batches: { items: number[]; finish(outcomes?: PromiseSettledResult<string>[]): void; fail(error: Error): void }[] = [];
  const execute = (items: number[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve, reject) =>
      batches.push({ items, finish: (outcomes) => resolve(outcomes ?? items.map((item) => fulfilled(`done ${item}`))), fail: reject }),
    );
  return { batches, execute };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createGroupCommit", () => {
  it("runs a lone item at once, alone", async () => {
    const { batches, execute } = controlledExecutor();
    const groupCommit = createGroupCommit({ execute, maxInFlight: 2, maxBatch: 10 });
    const result = groupCommit.submit(1);
    expect(batches.map((batch) => batch.items)).toEqual([[1]]);
    batches[0]?.finish();
    await expect(result).resolves.toBe("done 1");
  });

  it("with gatherWithinTurn, items submitted in one turn go out together though a slot was free; the next turn's go alone", async () => {
    const { batches, execute } = controlledExecutor();
    const groupCommit = createGroupCommit({ execute, maxInFlight: 2, maxBatch: 3, gatherWithinTurn: true });
    const results = [1, 2, 3, 4].map((item) => groupCommit.submit(item));
    expect(batches).toEqual([]);
    await settle();
    expect(batches.map((batch) => batch.items)).toEqual([[1, 2, 3], [4]]);
    const late = groupCommit.submit(5);
    batches[0]?.finish();
    await settle();
    expect(batches.map((batch) => batch.items)).toEqual([[1, 2, 3], [4], [5]]);
    batches[1]?.finish();
    batches[2]?.finish();
    await expect(Promise.all([...results, late])).resolves.toEqual([1, 2, 3, 4, 5].map((item) => `done ${item}`));
  });

  it("keeps at most maxInFlight batches running; items arriving meanwhile go together (up to maxBatch) into the next", async () => {
    const { batches, execute } = controlledExecutor();
    const groupCommit = createGroupCommit({ execute, maxInFlight: 2, maxBatch: 3 });
    const results = [1, 2, 3, 4, 5, 6, 7].map((item) => groupCommit.submit(item));
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2]]);
    batches[1]?.finish();
    await settle();
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2], [3, 4, 5]]);
    batches[0]?.finish();
    await settle();
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    batches[2]?.finish();
    batches[3]?.finish();
    await expect(Promise.all(results)).resolves.toEqual([1, 2, 3, 4, 5, 6, 7].map((item) => `done ${item}`));
  });

  it("puts the next batch on its way before the finished batch's callers resume", async () => {
    // Like node-postgres' pool, which hands a connection to a query on a later tick: a batch reaches "the database" late.
    const reached: number[][] = [];
    const finishers: (() => void)[] = [];
    const execute = (items: number[]) =>
      new Promise<PromiseSettledResult<string>[]>((resolve) => {
        process.nextTick(() => reached.push(items));
        finishers.push(() => resolve(items.map((item) => fulfilled(`done ${item}`))));
      });
    const groupCommit = createGroupCommit({ execute, maxInFlight: 1, maxBatch: 10 });
    const seen: string[] = [];
    const first = groupCommit.submit(1).then((result) => seen.push(`${result}; batches at the database: ${reached.length}`));
    const second = groupCommit.submit(2);
    finishers[0]?.();
    await first;
    expect(seen).toEqual(["done 1; batches at the database: 2"]);
    finishers[1]?.();
    await expect(second).resolves.toBe("done 2");
  });

  it("settles each item with its own outcome, fails a whole batch only when the batch fails, and goes on afterwards", async () => {
    const { batches, execute } = controlledExecutor();
    const groupCommit = createGroupCommit({ execute, maxInFlight: 1, maxBatch: 10 });
    const first = groupCommit.submit(1);
    const [second, third] = [groupCommit.submit(2), groupCommit.submit(3)];
    batches[0]?.fail(new Error("connection lost"));
    await expect(first).rejects.toThrow("connection lost");
    await settle();
    batches[1]?.finish([fulfilled("two"), { status: "rejected", reason: new Error("three refused") }]);
    await expect(second).resolves.toBe("two");
    await expect(third).rejects.toThrow("three refused");
    const fourth = groupCommit.submit(4);
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2, 3], [4]]);
    batches[2]?.finish();
    await expect(fourth).resolves.toBe("done 4");
  });

  it("rejects every item when the executor answers with the wrong number of outcomes", async () => {
    const { batches, execute } = controlledExecutor();
    const groupCommit = createGroupCommit({ execute, maxInFlight: 1, maxBatch: 10 });
    const first = groupCommit.submit(1);
    batches[0]?.finish([]);
    await expect(first).rejects.toThrow("0 outcomes for 1 items");
  });
});
