import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { startTestRedis, type TestRedis } from "../testing/redis-server.ts";
import { describePresenceStoreContract } from "./presence-store.contract.ts";
import { createRedisPresenceStore } from "./redis-presence-store.ts";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.kill();
});

describePresenceStoreContract("Redis", (ttlSeconds) => createRedisPresenceStore({ url: redis.url, logger: pino({ level: "silent" }), ttlSeconds }));
