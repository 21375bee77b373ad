/**
 * The ports every service takes. Services see only these interfaces; which
 * adapter sits behind each is decided where each app starts (createProcessPorts,
 * then installProcessPorts) or by a test (testing/personas.ts). Composition
 * roots (tRPC context, REST handlers) build a request's ports with
 * `portsFromContext`: the process's ports with the request's logger.
 */
import type { PrismaClient } from "@parley/db/client";
import { createMessageIdGenerator, type MessageIdGenerator } from "@parley/db/ids";
import type { EventBus } from "./bus/event-bus.ts";
import { createInProcessBus } from "./bus/in-process.ts";
import { createOutboxMarkQueue, type OutboxMarkQueue } from "./bus/outbox-marks.ts";
import { logger as rootLogger, type Logger } from "./logger.ts";
import { createSendQueue, type SendQueue } from "./messages/send-batching.ts";
import { createTokenBucketLimiter, DEFAULT_SEND_RATE, type SendRateLimiter } from "./messages/send-rate-limiter.ts";

export interface Clock {
  now(): Date;
}

export interface ServicePorts {
  /** Its node-postgres pool, which the hot statements use directly, travels with it (@parley/db/pooled-rows). */
  db: PrismaClient;
  bus: EventBus;
  ids: MessageIdGenerator;
  clock: Clock;
  logger: Logger;
  /** Per-sender send limit. */
  sendRateLimiter: SendRateLimiter;
  /** Group commit of the process's sends on `db` (messages/send-batching.ts). */
  sendQueue: SendQueue;
  /** Write-behind outbox marks on `db`, carried by the next send statement (bus/outbox-marks.ts). */
  outboxMarks: OutboxMarkQueue;
}

export const systemClock: Clock = { now: () => new Date() };

/** The send path's queues on one database client: one pair per process (a test makes its own). */
export function createSendPath(db: PrismaClient): Pick<ServicePorts, "sendQueue" | "outboxMarks"> {
  const outboxMarks = createOutboxMarkQueue(db);
  return { sendQueue: createSendQueue(db, outboxMarks), outboxMarks };
}

/** The ports a process shares between its requests and connections; made once, where the app starts. */
export function createProcessPorts(options: { db: PrismaClient; bus?: EventBus; logger?: Logger }): ServicePorts {
  const logger = options.logger ?? rootLogger;
  return {
    db: options.db,
    bus: options.bus ?? createInProcessBus({ onHandlerError: (error, topic) => logger.error({ err: error, topic }, "bus handler failed") }),
    ids: createMessageIdGenerator(),
    clock: systemClock,
    logger,
    sendRateLimiter: createTokenBucketLimiter(DEFAULT_SEND_RATE),
    ...createSendPath(options.db),
  };
}

// On globalThis: Next.js may bundle this module more than once per process, and the ports installed
// at start-up (the bus that reaches the realtime nodes, the one send queue) must be the ones every copy uses.
const processGlobal = globalThis as typeof globalThis & { parleyProcessPorts?: ServicePorts };

/** Start-up: these are the process's ports from now on (the web app's instrumentation, the realtime server). */
export function installProcessPorts(ports: ServicePorts): void {
  processGlobal.parleyProcessPorts = ports;
}

/**
 * The ports installed for `db`. A process that installed none (a test or a
 * script calling the routers) gets in-process ones on first use, installed
 * then; ports installed for another database client are an error, never
 * silently shared.
 */
export function getProcessPorts(db: PrismaClient): ServicePorts {
  processGlobal.parleyProcessPorts ??= createProcessPorts({ db });
  const ports = processGlobal.parleyProcessPorts;
  if (ports.db !== db) throw new Error("the process's ports were installed for another database client");
  return ports;
}

/** Ports for one request or connection: the process's, with the request's logger. */
export function portsFromContext(ctx: { db: PrismaClient; logger?: Logger }): ServicePorts {
  const ports = getProcessPorts(ctx.db);
  return ctx.logger ? { ...ports, logger: ctx.logger } : ports;
}
