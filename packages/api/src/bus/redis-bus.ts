/**
 * The EventBus over Redis pub/sub, between realtime nodes and web
 * processes. One publisher and one subscriber connection per process; a
 * topic is SUBSCRIBEd while at least one local handler wants it.
 *
 * Publishes fail fast while Redis is down (no offline queue): the change is
 * already committed and the outbox relay republishes it later. When the
 * subscriber reconnects, ioredis re-subscribes its channels and the gap
 * listeners are told so sockets resync from Postgres.
 */
import { busEnvelopeSchema } from "@parley/protocol/events";
import { Redis } from "ioredis";
import { coalesceWritesThisTick } from "../batching/write-coalescing.ts";
import type { Logger } from "../logger.ts";
import type { EventBus } from "./event-bus.ts";
import { GapListeners, TopicHandlers } from "./topic-handlers.ts";

export interface RedisBusOptions {
  url: string;
  logger: Logger;
  connectionName?: string;
}

export async function createRedisBus(options: RedisBusOptions): Promise<EventBus> {
  const { logger } = options;
  const handlers = new TopicHandlers((error, topic) => logger.error({ err: error, topic }, "bus handler failed"));
  const gaps = new GapListeners();
  const retryStrategy = (attempt: number) => Math.min(50 * 2 ** attempt, 2_000);
  const publisher = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy,
    connectionName: options.connectionName,
    lazyConnect: true,
  });
  const subscriber = new Redis(options.url, { retryStrategy, connectionName: options.connectionName, lazyConnect: true, autoResubscribe: true });
  let isClosed = false;
  let hasBeenReady = false;

  publisher.on("error", (error) => logger.debug({ err: error }, "redis bus publisher error"));
  subscriber.on("error", (error) => logger.debug({ err: error }, "redis bus subscriber error"));
  subscriber.on("message", (channel: string, text: string) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      logger.warn({ channel }, "redis bus: unparseable message dropped");
      return;
    }
    const envelope = busEnvelopeSchema.safeParse(value);
    if (!envelope.success || envelope.data.topic !== channel) {
      logger.warn({ channel }, "redis bus: invalid envelope dropped");
      return;
    }
    handlers.deliver(channel, envelope.data.event);
  });
  subscriber.on("ready", () => {
    // The first ready is the start; any later one follows a lost connection.
    if (!hasBeenReady) {
      hasBeenReady = true;
      return;
    }
    // autoResubscribe re-sends SUBSCRIBE before "ready"; make sure before telling anyone.
    const topics = handlers.topics();
    const resubscribed = topics.length > 0 ? subscriber.subscribe(...topics) : Promise.resolve(0);
    resubscribed.then(
      () => {
        logger.info({ topics: topics.length }, "redis bus reconnected");
        gaps.fire();
      },
      (error: unknown) => logger.warn({ err: error }, "redis bus resubscribe failed"),
    );
  });

  await Promise.all([publisher.connect(), subscriber.connect()]);

  return {
    async publish(topic, event) {
      if (isClosed) throw new Error("event bus is closed");
      // The publishes of the same callbacks (a batch of sends settling, a reconnect wave's presence) leave in one write.
      coalesceWritesThisTick(publisher.stream);
      await publisher.publish(topic, JSON.stringify({ topic, event }));
    },

    async subscribe(topic, handler) {
      if (isClosed) throw new Error("event bus is closed");
      const { isFirst, remove } = handlers.add(topic, handler);
      try {
        // Resolves on Redis's SUBSCRIBE reply: from here on the topic's events arrive.
        if (isFirst) await subscriber.subscribe(topic);
      } catch (error) {
        remove();
        throw error;
      }
      return async () => {
        if (remove() && !isClosed) await subscriber.unsubscribe(topic).catch(() => undefined);
      };
    },

    onDeliveryGap: (listener) => gaps.add(listener),

    async close() {
      if (isClosed) return;
      isClosed = true;
      handlers.clear();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
