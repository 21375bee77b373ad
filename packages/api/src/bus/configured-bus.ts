/**
 * Which bus a process uses: Redis when REDIS_URL is set (several nodes),
 * else Postgres NOTIFY (one node, but web and realtime are two processes, so
 * the bus must cross processes), else in-process (tests, one process).
 */
import type { Logger } from "../logger.ts";
import type { EventBus } from "./event-bus.ts";
import { createInProcessBus } from "./in-process.ts";
import { createPostgresBus } from "./postgres-bus.ts";
import { createRedisBus } from "./redis-bus.ts";

export type BusKind = "redis" | "postgres" | "in-process";

export async function createConfiguredBus(options: { redisUrl?: string; databaseUrl?: string; logger: Logger }): Promise<{ bus: EventBus; kind: BusKind }> {
  if (options.redisUrl) return { bus: await createRedisBus({ url: options.redisUrl, logger: options.logger }), kind: "redis" };
  if (options.databaseUrl) return { bus: await createPostgresBus({ connectionString: options.databaseUrl, logger: options.logger }), kind: "postgres" };
  return {
    bus: createInProcessBus({ onHandlerError: (error, topic) => options.logger.error({ err: error, topic }, "bus handler failed") }),
    kind: "in-process",
  };
}
