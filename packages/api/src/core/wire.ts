import { DomainError } from "../errors.ts";

/**
 * One rule for numbers on the wire: message ids (64-bit) travel as decimal
 * strings, seqs as JSON numbers, times as ISO strings. Seqs count messages in
 * one conversation, so they stay far below 2^53; the check is a tripwire.
 */
export function seqToNumber(seq: bigint): number {
  if (seq > BigInt(Number.MAX_SAFE_INTEGER) || seq < 0n) throw new RangeError(`seq out of the safe range: ${seq}`);
  return Number(seq);
}

export function toIso(date: Date): string {
  return date.toISOString();
}

export function toIsoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** Postgres returns count(*) as bigint; some expressions come back as number. */
export function countToNumber(count: bigint | number | null | undefined): number {
  if (count === null || count === undefined) return 0;
  return typeof count === "bigint" ? Number(count) : count;
}

/** Parses a message id from the wire (already shape-checked by zod) into a bigint. */
export function messageIdFromString(id: string): bigint {
  if (!/^[1-9][0-9]{0,18}$/.test(id)) throw new DomainError("INVALID", "That message id is malformed.");
  const value = BigInt(id);
  if (value > 9_223_372_036_854_775_807n) throw new DomainError("INVALID", "That message id is malformed.");
  return value;
}
