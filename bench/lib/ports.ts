/** Service ports for benchmarks: the real adapters, a silent logger, and no per-sender limit (we measure capacity, not the limiter). */
import { createInProcessBus } from "@parley/api/bus/in-process";
import { createTokenBucketLimiter } from "@parley/api/messages/send-rate-limiter";
import { createSendPath, systemClock, type ServicePorts } from "@parley/api/ports";
import type { PrismaClient } from "@parley/db/client";
import { createMessageIdGenerator } from "@parley/db/ids";
import pino from "pino";

export function createBenchPorts(db: PrismaClient): ServicePorts {
  return {
    db,
    bus: createInProcessBus(),
    ids: createMessageIdGenerator(),
    clock: systemClock,
    logger: pino({ level: "silent" }),
    sendRateLimiter: createTokenBucketLimiter({ ratePerSecond: 1e9, burst: 1e9 }),
    ...createSendPath(db),
  };
}
