/**
 * The ports every service takes. Services see only these interfaces; which
 * adapter sits behind each is decided here (process-wide singletons) or by a
 * test. Composition roots (tRPC context, REST handlers, the realtime server)
 * build ports with `portsFromContext`.
 */
import type { PrismaClient } from "@parley/db/client";
import { createMessageIdGenerator, type MessageIdGenerator } from "@parley/db/ids";
import type { EventBus } from "./bus/event-bus.ts";
import { createInProcessBus } from "./bus/in-process.ts";
import { logger as rootLogger, type Logger } from "./logger.ts";
import { createTokenBucketLimiter, DEFAULT_SEND_RATE, type SendRateLimiter } from "./messages/send-rate-limiter.ts";

export interface Clock {
  now(): Date;
}

export interface ServicePorts {
  db: PrismaClient;
  bus: EventBus;
  ids: MessageIdGenerator;
  clock: Clock;
  logger: Logger;
  /** Per-sender send limit; when absent the process-wide default bucket is used. */
  sendRateLimiter?: SendRateLimiter;
}

export const systemClock: Clock = { now: () => new Date() };

// On globalThis: Next.js may bundle this module more than once per process,
// and the bus installed at start-up must be the one every copy publishes on.
const processGlobal = globalThis as typeof globalThis & { parleyProcessBus?: EventBus };
processGlobal.parleyProcessBus ??= createInProcessBus({
  onHandlerError: (error, topic) => rootLogger.error({ err: error, topic }, "bus handler failed"),
});
const processIds: MessageIdGenerator = createMessageIdGenerator();
const processSendRateLimiter: SendRateLimiter = createTokenBucketLimiter(DEFAULT_SEND_RATE);

/** The bus this process publishes on (in-process unless replaced at start-up). */
export function getProcessBus(): EventBus {
  return processGlobal.parleyProcessBus!;
}

/** Start-up hook for multi-node deployments: swap in e.g. the Redis bus before serving. */
export function setProcessBus(bus: EventBus): void {
  processGlobal.parleyProcessBus = bus;
}

export function getProcessSendRateLimiter(): SendRateLimiter {
  return processSendRateLimiter;
}

/** Ports for one request or connection, sharing the process-wide bus, id generator and limiter. */
export function portsFromContext(ctx: { db: PrismaClient; logger?: Logger }): ServicePorts {
  return {
    db: ctx.db,
    bus: getProcessBus(),
    ids: processIds,
    clock: systemClock,
    logger: ctx.logger ?? rootLogger,
    sendRateLimiter: processSendRateLimiter,
  };
}
