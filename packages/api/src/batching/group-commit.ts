/**
 * Group commit: callers submit one item each; items are executed together in
 * batches, with at most `maxInFlight` batches running at once. While that many
 * are in flight, new items wait and go out together in the next batch. A lone
 * caller on an idle queue goes out at once, alone: no timer, no added latency.
 * Under load, N waiting callers share one round trip instead of paying N.
 *
 * With `gatherWithinTurn`, items submitted during one turn of the event loop
 * go out together even when a slot is free, at the cost of that one turn:
 * for work that arrives in bursts of socket reads handled in the same turn
 * (thousands of sockets authenticating after a reconnect), where a free slot
 * would otherwise take them one or two at a time.
 *
 * A finished batch's callers resume only after the next batch has been
 * started, so the database works on it while they run.
 */
export interface GroupCommitOptions<TItem, TResult> {
  /**
   * Runs one batch; returns one outcome per item, in the same order. A
   * rejection fails every item of the batch; an item's own failure is its
   * "rejected" outcome.
   */
  execute(items: TItem[]): Promise<PromiseSettledResult<TResult>[]>;
  maxInFlight: number;
  maxBatch: number;
  gatherWithinTurn?: boolean;
}

export interface GroupCommit<TItem, TResult> {
  /** Resolves with this item's result once its batch has run (rejects if the batch failed). */
  submit(item: TItem): Promise<TResult>;
}

interface Waiting<TItem, TResult> {
  item: TItem;
  resolve(result: TResult): void;
  reject(error: unknown): void;
}

export function createGroupCommit<TItem, TResult>(options: GroupCommitOptions<TItem, TResult>): GroupCommit<TItem, TResult> {
  const waiting: Waiting<TItem, TResult>[] = [];
  let inFlight = 0;
  let isPumpScheduled = false;

  function pumpAfterThisTurn(): void {
    if (!options.gatherWithinTurn) return pump();
    if (isPumpScheduled) return;
    isPumpScheduled = true;
    setImmediate(() => {
      isPumpScheduled = false;
      pump();
    });
  }

  function pump(): void {
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      inFlight += 1;
      void runBatch(waiting.splice(0, options.maxBatch));
    }
  }

  async function runBatch(batch: Waiting<TItem, TResult>[]): Promise<void> {
    let settle: () => void;
    try {
      const outcomes = await options.execute(batch.map((entry) => entry.item));
      if (outcomes.length !== batch.length) throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`);
      settle = () =>
        batch.forEach((entry, index) => {
          const outcome = outcomes[index] as PromiseSettledResult<TResult>;
          if (outcome.status === "fulfilled") entry.resolve(outcome.value);
          else entry.reject(outcome.reason);
        });
    } catch (error) {
      settle = () => {
        for (const entry of batch) entry.reject(error);
      };
    }
    inFlight -= 1;
    // The next batch starts before this one's callers resume: their continuations
    // (a whole request's worth each) would otherwise all run before the next
    // statement reached the database, which then sat idle (the pool hands out
    // connections on a later tick). Settled after this turn's I/O callbacks.
    pump();
    setImmediate(settle);
  }

  return {
    submit(item) {
      return new Promise<TResult>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        pumpAfterThisTurn();
      });
    },
  };
}

export const fulfilled = <T>(value: T): PromiseFulfilledResult<T> => ({ status: "fulfilled", value });

/** One group commit per database client (tests run several databases in one process). */
export function groupCommitPerKey<TKey extends object, TItem, TResult>(
  create: (key: TKey) => GroupCommit<TItem, TResult>,
): (key: TKey) => GroupCommit<TItem, TResult> {
  const byKey = new WeakMap<TKey, GroupCommit<TItem, TResult>>();
  return (key) => {
    let groupCommit = byKey.get(key);
    if (!groupCommit) {
      groupCommit = create(key);
      byKey.set(key, groupCommit);
    }
    return groupCommit;
  };
}
