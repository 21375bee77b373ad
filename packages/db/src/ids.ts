/**
 * 64-bit time-ordered message ids, the partition key of "Message".
 *
 *   id = (ms since 2024-01-01T00:00:00Z) << 22 | node (10 bits) << 12 | counter (12 bits)
 *
 * 41 bits of milliseconds last until 2093. Ids from one process are strictly
 * increasing; ids from different nodes are ordered by millisecond only, which is
 * fine: order inside a conversation comes from `seq`, ids only place a row in its
 * monthly partition and make cursors prune partitions. The SQL function
 * parley_message_id_floor(timestamptz) in the init migration uses the same layout.
 */
export const ID_EPOCH_MS = Date.UTC(2024, 0, 1);
const NODE_BITS = 10n;
const COUNTER_BITS = 12n;
const TIME_SHIFT = NODE_BITS + COUNTER_BITS;
const MAX_COUNTER = (1 << Number(COUNTER_BITS)) - 1;
const MAX_NODE = (1 << Number(NODE_BITS)) - 1;

/** The smallest id that can be minted at `date` (used for partition bounds and date jumps). */
export function messageIdFloor(date: Date): bigint {
  const ms = BigInt(date.getTime() - ID_EPOCH_MS);
  if (ms < 0n) throw new RangeError("messageIdFloor: date before the id epoch (2024-01-01)");
  return ms << TIME_SHIFT;
}

/** The creation time encoded in an id. */
export function messageIdTime(id: bigint): Date {
  return new Date(Number(id >> TIME_SHIFT) + ID_EPOCH_MS);
}

export interface MessageIdGenerator {
  next(now?: Date): bigint;
}

/** A generator for one process; `nodeId` (0..1023) keeps concurrent nodes apart. */
export function createMessageIdGenerator(nodeId = Math.floor(Math.random() * (MAX_NODE + 1))): MessageIdGenerator {
  if (!Number.isInteger(nodeId) || nodeId < 0 || nodeId > MAX_NODE) {
    throw new RangeError(`nodeId must be an integer in 0..${MAX_NODE}`);
  }
  const node = BigInt(nodeId) << COUNTER_BITS;
  let lastMs = -1;
  let counter = 0;
  return {
    next(now = new Date()) {
      let ms = now.getTime() - ID_EPOCH_MS;
      // Never go backwards (clock steps back, or 4096 ids in one millisecond).
      if (ms < lastMs) ms = lastMs;
      if (ms === lastMs) {
        counter += 1;
        if (counter > MAX_COUNTER) {
          ms += 1;
          counter = 0;
        }
      } else {
        counter = 0;
      }
      lastMs = ms;
      return (BigInt(ms) << TIME_SHIFT) | node | BigInt(counter);
    },
  };
}
