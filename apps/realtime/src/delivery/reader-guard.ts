/**
 * The fan-out authorization check: which of the users this node would deliver
 * a conversation's event to are still active participants. One query per
 * conversation answers for every local socket at once, and the answer is
 * reused for `ttlMs`.
 *
 * Staleness is bounded two ways: membership changes published on the bus
 * (member_left, members_joined, conversation.removed) invalidate the entry
 * before the next event of that conversation is fanned out (the topic queue
 * is ordered), and anything that bypasses the bus (a deactivation, a lost
 * event) is seen within `ttlMs`.
 */
import type { ServicePorts } from "@parley/api/ports";
import { receiversAmong } from "@parley/api/realtime/socket-access";

interface CachedReaders {
  allowed: Set<string>;
  /** Users checked, allowed or not: a user not in here needs a query. */
  checked: Set<string>;
  checkedAt: number;
}

export class ReaderGuard {
  private readonly cache = new Map<string, CachedReaders>();

  constructor(
    private readonly ports: Pick<ServicePorts, "db">,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The subset of `userIds` that may receive events of the conversation right now. */
  async allowedReaders(conversationId: string, userIds: ReadonlySet<string>): Promise<Set<string>> {
    const now = this.now();
    let entry = this.cache.get(conversationId);
    if (entry && now - entry.checkedAt > this.ttlMs) entry = undefined;
    const unchecked = entry ? [...userIds].filter((userId) => !entry!.checked.has(userId)) : [...userIds];
    if (!entry || unchecked.length > 0) {
      const allowed = await receiversAmong(this.ports, conversationId, unchecked);
      if (!entry) {
        entry = { allowed, checked: new Set(unchecked), checkedAt: now };
        this.cache.set(conversationId, entry);
      } else {
        for (const userId of unchecked) entry.checked.add(userId);
        for (const userId of allowed) entry.allowed.add(userId);
      }
    }
    const result = new Set<string>();
    for (const userId of userIds) if (entry.allowed.has(userId)) result.add(userId);
    return result;
  }

  invalidate(conversationId: string): void {
    this.cache.delete(conversationId);
  }

  /** After a bus gap every answer may be stale. */
  invalidateAll(): void {
    this.cache.clear();
  }
}
