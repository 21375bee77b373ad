/**
 * The realtime service: one HTTP server that answers health/metrics requests
 * and upgrades allowed WebSocket requests into RealtimeConnections, plus this
 * node's delivery machinery: the topic router (ref-counted bus
 * subscriptions), the fan-out authorization guard and the presence hub.
 */
import { createServer, type IncomingMessage } from "node:http";
import { type AddressInfo, type Socket } from "node:net";
import { type Duplex } from "node:stream";
import { closeCodes } from "@parley/protocol/close-codes";
import { MAX_FRAME_BYTES } from "@parley/protocol/frames";
import { type Logger } from "pino";
import { WebSocketServer } from "ws";
import type { ServicePorts } from "@parley/api/ports";
import type { PresenceStore } from "@parley/api/presence/presence-store";
import { createHelloAuthenticator } from "./auth.ts";
import { RealtimeConnection } from "./connection.ts";
import { type ConnectionContext, type ConnectionLimits, connectionRates } from "./connection-context.ts";
import { createFanOut } from "./delivery/fan-out.ts";
import { ReaderGuard } from "./delivery/reader-guard.ts";
import { DEFAULT_RECONCILE_INTERVAL_MS, RealtimeSession } from "./delivery/session.ts";
import { TopicRouter } from "./delivery/topic-router.ts";
import { PresenceHub } from "./presence/presence-hub.ts";
import { createHttpHandler, type ServerPhase } from "./http.ts";
import { createRealtimeMetrics, type RealtimeMetrics } from "./metrics.ts";
import { checkUpgradeOrigin } from "./origin.ts";
import { startSpreadSweep } from "./spread-sweep.ts";

// Pending connections the kernel may queue for us (capped by net.core.somaxconn; 4096 on current kernels).
const LISTEN_BACKLOG = 8_192;

export const defaultConnectionLimits: ConnectionLimits = {
  authTimeoutMs: 5_000,
  frameBurst: 40,
  frameRatePerSecond: 20,
  maxOffences: 5,
  offenceForgivenessSeconds: 60,
  clientHeartbeatSeconds: 20,
  maxBufferedBytes: 4 * 1024 * 1024,
};

export interface RealtimeServerOptions {
  port: number;
  host?: string;
  secret: string;
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Database, bus, ids and limiter: the same services tRPC uses (sends go through sendMessage). */
  ports: ServicePorts;
  presenceStore: PresenceStore;
  limits?: Partial<ConnectionLimits>;
  /** How long a fan-out authorization answer is reused (membership events invalidate it sooner). */
  readerCacheTtlMs?: number;
  presenceSweepIntervalMs?: number;
  /** How often, at most, a socket's subscriptions and account state are re-read on its heartbeat (default 30 s). */
  reconcileIntervalMs?: number;
  /** The server pings every socket this often and terminates those that missed the previous ping. */
  heartbeatIntervalMs?: number;
  /** How long shutdown waits for clients to finish the close handshake before dropping them. */
  shutdownGraceMs?: number;
}

export interface RealtimeServer {
  port: number;
  /** ws://host:port/ */
  url: string;
  /** http://host:port */
  httpUrl: string;
  metrics: RealtimeMetrics;
  connectionCount(): number;
  /** Bus topics this node is subscribed to. */
  topicCount(): number;
  /** Stops accepting, closes every socket with 1012, then stops listening. Idempotent. */
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: 403 | 503, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

export async function startRealtimeServer(options: RealtimeServerOptions): Promise<RealtimeServer> {
  const limits: ConnectionLimits = { ...defaultConnectionLimits, ...options.limits };
  const logger = options.logger;
  const metrics = createRealtimeMetrics();
  const authenticate = createHelloAuthenticator(options.secret);
  const connections = new ConnectionSet();
  let phase: ServerPhase = "starting";

  const { ports } = options;
  const readers = new ReaderGuard(ports, options.readerCacheTtlMs);
  const presence = new PresenceHub<RealtimeSession>({
    store: options.presenceStore,
    bus: ports.bus,
    ports,
    logger,
    sweepIntervalMs: options.presenceSweepIntervalMs,
  });
  const router = new TopicRouter<RealtimeSession>(
    ports.bus,
    createFanOut({ readers, metrics, onPresence: (signal, sessions) => presence.deliverSignal(signal, sessions) }),
    logger,
  );
  presence.attach(router);
  const sessionServices = { ports, router, readers, presence, logger, reconcileIntervalMs: options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS };
  // One context for every connection (a fresh one per upgrade was an object and two closures per held socket).
  const connectionContext: ConnectionContext<RealtimeConnection> = {
    limits,
    rates: connectionRates(limits),
    authenticate,
    metrics,
    logger,
    openSession: (link, userId) => new RealtimeSession(link, userId, sessionServices),
    onClosed: (closed) => connections.delete(closed),
  };
  const stopGapListener = ports.bus.onDeliveryGap(() => {
    // Events may be lost: every answer cached may be stale and every socket must catch up from Postgres.
    metrics.busGaps.inc();
    readers.invalidateAll();
    logger.warn({ connections: connections.size }, "bus delivery gap; telling every socket to resync");
    for (const connection of connections) connection.requestResync();
  });

  const httpServer = createServer(
    { requestTimeout: 10_000, headersTimeout: 5_000 },
    createHttpHandler(() => phase, metrics),
  );
  // perMessageDeflate off: compression costs memory per socket and invites zip bombs.
  const webSocketServer = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false, clientTracking: false });

  // One listener for every upgraded TCP socket (it stays attached for the socket's life: a closure each would be kept per socket).
  const logUpgradeSocketError = (error: Error) => logger.debug({ reason: error.message }, "upgrade socket error");
  httpServer.on("upgrade", (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on("error", logUpgradeSocketError);
    if (phase !== "listening") return refuseUpgrade(socket, 503, "Service Unavailable");
    const verdict = checkUpgradeOrigin(request.headers.origin, options.allowedOrigins);
    if (!verdict.isAllowed) {
      logger.warn({ origin: request.headers.origin, reason: verdict.reason, remoteAddress: socket.remoteAddress }, "upgrade refused");
      return refuseUpgrade(socket, 403, "Forbidden");
    }
    webSocketServer.handleUpgrade(request, socket, head, (webSocket) => {
      connections.add(new RealtimeConnection(webSocket, connectionContext, socket));
    });
  });

  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 30_000;
  // A pong takes a round trip; half an interval covers a socket the sweep reaches early.
  const heartbeat = startSpreadSweep(connections, (connection, nowMs) => connection.checkHeartbeat(nowMs, heartbeatIntervalMs / 2), heartbeatIntervalMs);
  const topicGauge = setInterval(() => metrics.busTopics.set(router.topicCount()), heartbeatIntervalMs);
  topicGauge.unref();

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    // A deep accept queue: when a node restarts or the network blips, thousands of clients
    // reconnect within the same second. With Node's default (511) the kernel dropped the
    // excess SYNs and each such client waited out TCP's 1 s, 3 s, 7 s… retransmits: in the
    // 10,000-client reconnect bench half of them took over 12 s to get a socket, with every
    // process idle. The kernel caps it at net.core.somaxconn.
    httpServer.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  phase = "listening";
  const { port, address, family } = httpServer.address() as AddressInfo;
  const host = family === "IPv6" ? `[${address}]` : address;

  let closing: Promise<void> | undefined;
  async function shutDown(): Promise<void> {
    phase = "shutting_down";
    heartbeat.stop();
    clearInterval(topicGauge);
    stopGapListener();
    presence.stop();
    logger.info({ connections: connections.size }, "shutting down");
    await closeAll(connections, options.shutdownGraceMs ?? 5_000);
    // Lingering topics (no sockets left) end now rather than when their timers fire.
    router.close();
    webSocketServer.close();
    await new Promise<void>((resolve) => {
      httpServer.close(() => resolve());
      httpServer.closeAllConnections();
    });
    logger.info("stopped");
  }

  return {
    port,
    url: `ws://${host}:${port}/`,
    httpUrl: `http://${host}:${port}`,
    metrics,
    connectionCount: () => connections.size,
    topicCount: () => router.topicCount(),
    close: () => (closing ??= shutDown()),
  };
}

/** The open connections, and a way to wait until there are none. */
class ConnectionSet {
  private readonly connections = new Set<RealtimeConnection>();
  private emptyWaiters: Array<() => void> = [];

  get size(): number {
    return this.connections.size;
  }

  add(connection: RealtimeConnection): void {
    this.connections.add(connection);
  }

  delete(connection: RealtimeConnection): void {
    this.connections.delete(connection);
    if (this.connections.size === 0) for (const resolve of this.emptyWaiters.splice(0)) resolve();
  }

  whenEmpty(): Promise<void> {
    if (this.connections.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.emptyWaiters.push(resolve));
  }

  [Symbol.iterator](): IterableIterator<RealtimeConnection> {
    return this.connections.values();
  }
}

/** Closes every socket with 1012 and waits for them, dropping stragglers after `graceMs`. */
async function closeAll(connections: ConnectionSet, graceMs: number): Promise<void> {
  for (const connection of connections) connection.close(closeCodes.serviceRestart, "Server restarting");
  let graceTimer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<"timeout">((resolve) => (graceTimer = setTimeout(() => resolve("timeout"), graceMs)));
  if ((await Promise.race([connections.whenEmpty(), graceOver])) === "timeout") {
    for (const connection of connections) connection.terminate();
    await connections.whenEmpty();
  }
  clearTimeout(graceTimer);
}
