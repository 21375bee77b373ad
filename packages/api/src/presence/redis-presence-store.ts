/**
 * PresenceStore in Redis, shared by every node: `presence:<userId>` is a
 * hash connectionId → {status, at} whose key expires `ttlSeconds` after the
 * last heartbeat of any device; fields of a device that stopped beating
 * (its node was killed) are also ignored by their `at`, since a hash field
 * cannot expire on its own in Redis 7. `presence:last:<userId>` keeps
 * lastSeen for 30 days.
 */
import { Redis } from "ioredis";
import type { Logger } from "../logger.ts";
import { aggregatePresence, type PresenceStore, type UserPresence } from "./presence-store.ts";

const LAST_SEEN_TTL_SECONDS = 30 * 24 * 3600;

export async function createRedisPresenceStore(options: { url: string; logger: Logger; ttlSeconds?: number }): Promise<PresenceStore> {
  const ttlSeconds = options.ttlSeconds ?? 60;
  const redis = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  redis.on("error", (error) => options.logger.debug({ err: error }, "redis presence error"));
  await redis.connect();
  const devicesKey = (userId: string) => `presence:${userId}`;
  const lastSeenKey = (userId: string) => `presence:last:${userId}`;

  return {
    async heartbeat(userId, connectionId, status, now) {
      await redis
        .multi()
        .hset(devicesKey(userId), connectionId, JSON.stringify({ status, at: now.getTime() }))
        .expire(devicesKey(userId), ttlSeconds)
        .set(lastSeenKey(userId), String(now.getTime()), "EX", LAST_SEEN_TTL_SECONDS)
        .exec();
    },
    async disconnect(userId, connectionId, now) {
      await redis.multi().hdel(devicesKey(userId), connectionId).set(lastSeenKey(userId), String(now.getTime()), "EX", LAST_SEEN_TTL_SECONDS).exec();
    },
    async get(userIds, now) {
      const result = new Map<string, UserPresence>();
      if (userIds.length === 0) return result;
      const pipeline = redis.pipeline();
      for (const userId of userIds) pipeline.hgetall(devicesKey(userId)).get(lastSeenKey(userId));
      const replies = (await pipeline.exec()) ?? [];
      userIds.forEach((userId, index) => {
        const devices = (replies[index * 2]?.[1] ?? {}) as Record<string, string>;
        const lastSeen = replies[index * 2 + 1]?.[1] as string | null | undefined;
        const entries = Object.values(devices).map((text) => JSON.parse(text) as { status: "online" | "away"; at: number });
        result.set(userId, aggregatePresence(entries, now.getTime() - ttlSeconds * 1000, lastSeen ? Number(lastSeen) : undefined));
      });
      return result;
    },
    async close() {
      redis.disconnect();
    },
  };
}
