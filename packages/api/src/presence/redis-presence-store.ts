/**
 * PresenceStore in Redis, shared by every node: `presence:<userId>` is a
 * hash connectionId → {status, at} whose key expires `ttlSeconds` after the
 * last heartbeat of any device; fields of a device that stopped beating
 * (its node was killed) are also ignored by their `at`, since a hash field
 * cannot expire on its own in Redis 7. `presence:last:<userId>` keeps
 * lastSeen for 30 days.
 */
import { Redis, type ChainableCommander } from "ioredis";
import { coalesceWritesThisTick } from "../batching/write-coalescing.ts";
import type { Logger } from "../logger.ts";
import { aggregatePresence, type DeviceStatus, type PresenceChange, type PresenceStore, type UserPresence } from "./presence-store.ts";

const LAST_SEEN_TTL_SECONDS = 30 * 24 * 3600;

export async function createRedisPresenceStore(options: { url: string; logger: Logger; ttlSeconds?: number }): Promise<PresenceStore> {
  const ttlSeconds = options.ttlSeconds ?? 60;
  const redis = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  redis.on("error", (error) => options.logger.debug({ err: error }, "redis presence error"));
  await redis.connect();
  // The presence writes of the same callbacks (a reconnect wave's sockets handled together) leave in one write.
  const coalesced = () => {
    coalesceWritesThisTick(redis.stream);
  };
  const devicesKey = (userId: string) => `presence:${userId}`;
  const lastSeenKey = (userId: string) => `presence:last:${userId}`;

  const liveSince = (now: Date) => now.getTime() - ttlSeconds * 1000;
  // Replies of HGETALL devices + GET lastSeen, as the user's aggregate.
  const presenceFrom = (devicesReply: unknown, lastSeenReply: unknown, now: Date): UserPresence => {
    const entries = Object.values((devicesReply ?? {}) as Record<string, string>).map((text) => JSON.parse(text) as { status: DeviceStatus; at: number });
    return aggregatePresence(entries, liveSince(now), typeof lastSeenReply === "string" ? Number(lastSeenReply) : undefined);
  };
  const beat = (multi: ChainableCommander, userId: string, connectionId: string, status: DeviceStatus, now: Date) =>
    multi
      .hset(devicesKey(userId), connectionId, JSON.stringify({ status, at: now.getTime() }))
      .expire(devicesKey(userId), ttlSeconds)
      .set(lastSeenKey(userId), String(now.getTime()), "EX", LAST_SEEN_TTL_SECONDS);
  /** Runs a MULTI; a command's own error (a reply, not a rejection) fails it too. */
  async function execChecked(multi: ChainableCommander): Promise<[Error | null, unknown][]> {
    coalesced();
    const replies = (await multi.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0];
    return replies;
  }
  /** One MULTI: the user's presence, the write, the user's presence again (one round trip, nothing in between). */
  async function changeWithin(userId: string, now: Date, write: (multi: ChainableCommander) => void): Promise<PresenceChange> {
    const multi = redis.multi().hgetall(devicesKey(userId)).get(lastSeenKey(userId));
    write(multi);
    const replies = await execChecked(multi.hgetall(devicesKey(userId)).get(lastSeenKey(userId)));
    const reply = (index: number) => replies.at(index)?.[1];
    return { before: presenceFrom(reply(0), reply(1), now), after: presenceFrom(reply(-2), reply(-1), now) };
  }

  return {
    async heartbeat(userId, connectionId, status, now) {
      await execChecked(beat(redis.multi(), userId, connectionId, status, now));
    },
    async setStatus(userId, connectionId, status, now) {
      return changeWithin(userId, now, (multi) => beat(multi, userId, connectionId, status, now));
    },
    async disconnect(userId, connectionId, now) {
      return changeWithin(userId, now, (multi) =>
        multi.hdel(devicesKey(userId), connectionId).set(lastSeenKey(userId), String(now.getTime()), "EX", LAST_SEEN_TTL_SECONDS),
      );
    },
    async get(userIds, now) {
      const result = new Map<string, UserPresence>();
      if (userIds.length === 0) return result;
      const pipeline = redis.pipeline();
      for (const userId of userIds) pipeline.hgetall(devicesKey(userId)).get(lastSeenKey(userId));
      coalesced();
      const replies = (await pipeline.exec()) ?? [];
      userIds.forEach((userId, index) => result.set(userId, presenceFrom(replies[index * 2]?.[1], replies[index * 2 + 1]?.[1], now)));
      return result;
    },
    async close() {
      redis.disconnect();
    },
  };
}
