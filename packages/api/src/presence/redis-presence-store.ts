/**
 * PresenceStore in Redis, shared by every node: `presence:<userId>` is a
 * hash connectionId → {status, at} whose key expires `ttlSeconds` after the
 * last heartbeat of any device; fields of a device that stopped beating
 * (its node was killed) are also ignored by their `at`, since a hash field
 * cannot expire on its own in Redis 7. `presence:last:<userId>` keeps
 * lastSeen for 30 days.
 *
 * Commands are auto-pipelined: every command issued in one turn of the event
 * loop, by any socket, leaves in one write. A reconnect wave changes the
 * presence of thousands of sockets in a few turns; with a pipeline (or MULTI)
 * per change each paid its own write and its own wake-up of Redis.
 */
import { Redis } from "ioredis";
import type { Logger } from "../logger.ts";
import { aggregatePresence, type PresenceStore, type UserPresence } from "./presence-store.ts";

const LAST_SEEN_TTL_SECONDS = 30 * 24 * 3600;

export async function createRedisPresenceStore(options: { url: string; logger: Logger; ttlSeconds?: number }): Promise<PresenceStore> {
  const ttlSeconds = options.ttlSeconds ?? 60;
  const redis = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, enableAutoPipelining: true });
  redis.on("error", (error) => options.logger.debug({ err: error }, "redis presence error"));
  await redis.connect();
  const devicesKey = (userId: string) => `presence:${userId}`;
  const lastSeenKey = (userId: string) => `presence:last:${userId}`;

  return {
    async heartbeat(userId, connectionId, status, now) {
      await Promise.all([
        redis.hset(devicesKey(userId), connectionId, JSON.stringify({ status, at: now.getTime() })),
        redis.expire(devicesKey(userId), ttlSeconds),
        redis.set(lastSeenKey(userId), String(now.getTime()), "EX", LAST_SEEN_TTL_SECONDS),
      ]);
    },
    async disconnect(userId, connectionId, now) {
      await Promise.all([redis.hdel(devicesKey(userId), connectionId), redis.set(lastSeenKey(userId), String(now.getTime()), "EX", LAST_SEEN_TTL_SECONDS)]);
    },
    async get(userIds, now) {
      const result = new Map<string, UserPresence>();
      if (userIds.length === 0) return result;
      const replies = await Promise.all(userIds.map((userId) => Promise.all([redis.hgetall(devicesKey(userId)), redis.get(lastSeenKey(userId))])));
      userIds.forEach((userId, index) => {
        const [devices, lastSeen] = replies[index] as [Record<string, string>, string | null];
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
