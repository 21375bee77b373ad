/**
 * One client socket, as a small state machine:
 *
 *   awaiting_hello ──hello ok──▶ authenticating ──token ok──▶ ready
 *         │                           │                         │
 *         └── timeout / not hello / bad token ─▶ closing (4401) │
 *                          bad frames, floods, binary ──────────┴─▶ closing (1008 / 1003)
 *
 * Every inbound frame is parsed against the shared protocol schemas; nothing a
 * client sends is echoed back or forwarded raw. Once ready, frames are handed
 * to the connection's RealtimeSession (delivery/session.ts).
 */
import { randomUUID } from "node:crypto";
import { closeCodes, type CloseCode, type FrameErrorCode } from "@parley/protocol/close-codes";
import { type ClientFrame, type ServerFrame } from "@parley/protocol/frames";
import { encodeFrame, parseClientFrame, type FrameParseResult } from "@parley/protocol/parse-frame";
import { type Logger } from "pino";
import { type RawData, WebSocket } from "ws";
import { type HelloAuthenticator } from "./auth.ts";
import { type RealtimeSession, type SessionLink } from "./delivery/session.ts";
import { type RealtimeMetrics } from "./metrics.ts";
import { createTokenBucket, type TokenBucket } from "./token-bucket.ts";

export interface ConnectionLimits {
  /** A socket must be authenticated this long after the upgrade, or it is closed with 4401. */
  authTimeoutMs: number;
  frameBurst: number;
  frameRatePerSecond: number;
  /** Bad or rate-limited frames tolerated; the one that reaches this count closes with 1008. */
  maxOffences: number;
  /** One offence is forgiven per this many seconds, so a long-lived socket is not closed for rare slips. */
  offenceForgivenessSeconds: number;
  /** Sent in `ready`: how often the client should send `ping`. */
  clientHeartbeatSeconds: number;
  /**
   * Bytes queued for a socket that is not reading fast enough; past this it is
   * closed with 1013 (it resyncs when it comes back) so it never holds up
   * fan-out to the others or grows this process without bound.
   */
  maxBufferedBytes: number;
}

export interface ConnectionContext {
  limits: ConnectionLimits;
  authenticate: HelloAuthenticator;
  metrics: RealtimeMetrics;
  logger: Logger;
  /** Builds the session of an authenticated socket (subscriptions and frame handlers). */
  openSession(link: SessionLink): RealtimeSession;
  onClosed(connection: RealtimeConnection): void;
}

type Phase = "awaiting_hello" | "authenticating" | "ready" | "closing";

// Frames a client pipelines behind its hello are kept until the token is
// verified; more than this while waiting is abuse.
const MAX_FRAMES_QUEUED_DURING_AUTH = 8;
// After a 1013 close, how long a socket that never reads its buffer is given before the TCP connection is dropped.
const SLOW_CLIENT_TERMINATE_MS = 5_000;

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

export class RealtimeConnection {
  readonly id = randomUUID();
  private phase: Phase = "awaiting_hello";
  private isAlive = true;
  private logger: Logger;
  private readonly frameBucket: TokenBucket;
  private readonly offenceBucket: TokenBucket;
  private readonly queuedFrames: ClientFrame[] = [];
  private readonly authTimer: NodeJS.Timeout;
  private session: RealtimeSession | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly context: ConnectionContext,
    remoteAddress: string | undefined,
  ) {
    const { limits } = context;
    this.logger = context.logger.child({ connectionId: this.id, remoteAddress });
    this.frameBucket = createTokenBucket({ burst: limits.frameBurst, refillPerSecond: limits.frameRatePerSecond });
    this.offenceBucket = createTokenBucket({ burst: limits.maxOffences, refillPerSecond: 1 / limits.offenceForgivenessSeconds });
    this.authTimer = setTimeout(() => this.rejectAuthentication("UNAUTHENTICATED", "No hello within the time limit"), limits.authTimeoutMs);
    this.authTimer.unref();

    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("pong", () => (this.isAlive = true));
    // ws reports protocol violations (invalid UTF-8 → 1007, over maxPayload →
    // 1009) as an error and closes the socket itself; without a listener the
    // error would crash the process.
    socket.on("error", (error) => this.logger.info({ reason: error.message }, "socket protocol error"));
    socket.on("close", (code, reason) => this.closed(code, reason.toString()));
    context.metrics.connections.inc();
    this.logger.info("connection opened");
  }

  /** Ends the connection with a close frame (e.g. 1012 on shutdown). */
  close(code: CloseCode, reason: string): void {
    if (this.phase === "closing") return;
    this.phase = "closing";
    clearTimeout(this.authTimer);
    this.logger.info({ code, reason }, "closing connection");
    this.socket.close(code, reason);
  }

  /** After a bus gap: the client syncs every conversation from its last seq. */
  requestResync(): void {
    if (this.phase === "ready") this.send({ type: "resync" });
  }

  /** Drops the TCP connection without a close handshake. */
  terminate(): void {
    this.phase = "closing";
    this.socket.terminate();
  }

  /**
   * Called once per heartbeat interval. A socket that has not answered the
   * previous ping (nor sent anything) since the last call is dead or half-open.
   */
  checkHeartbeat(): void {
    if (!this.isAlive) {
      this.logger.info("missed heartbeat; terminating");
      this.terminate();
      return;
    }
    this.isAlive = false;
    if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.phase === "closing") return;
    this.context.metrics.framesIn.inc();
    this.isAlive = true;
    if (isBinary) return this.close(closeCodes.unsupportedData, "Binary frames are not supported");
    if (!this.frameBucket.tryTake()) return this.offend("RATE_LIMITED", "Too many frames; slow down");

    const parsed = parseClientFrame(rawDataToText(data));
    if (this.phase === "awaiting_hello") return this.receiveHello(parsed);
    if (!parsed.ok) return this.offend(parsed.code, parsed.message);
    if (this.phase === "authenticating") {
      if (this.queuedFrames.length >= MAX_FRAMES_QUEUED_DURING_AUTH) return this.offend("RATE_LIMITED", "Wait for ready before sending more");
      this.queuedFrames.push(parsed.frame);
      return;
    }
    this.dispatch(parsed.frame);
  }

  private receiveHello(parsed: FrameParseResult<ClientFrame>): void {
    if (!parsed.ok) {
      return this.rejectAuthentication(parsed.code === "UNSUPPORTED_VERSION" ? "UNSUPPORTED_VERSION" : "UNAUTHENTICATED", parsed.message);
    }
    if (parsed.frame.type !== "hello") return this.rejectAuthentication("UNAUTHENTICATED", "The first frame must be hello");
    // The time limit is the client's, to say hello; our own token check and subscription load are not
    // counted against it (under load they once pushed a valid hello past a short limit).
    clearTimeout(this.authTimer);
    this.phase = "authenticating";
    void this.authenticate(parsed.frame.token);
  }

  private async authenticate(token: string): Promise<void> {
    let verdict;
    try {
      verdict = await this.context.authenticate(token);
    } catch (error) {
      this.logger.error({ err: error }, "token verification failed");
      return this.close(closeCodes.internalError, "Internal error");
    }
    if (this.phase === "closing") return;
    if (!verdict.isAuthenticated) return this.rejectAuthentication("UNAUTHENTICATED", verdict.message);

    const session = this.context.openSession(this.sessionLink(verdict.userId));
    this.session = session;
    let start;
    try {
      start = await session.start();
    } catch (error) {
      this.logger.error({ err: error }, "session start failed");
      return this.close(closeCodes.tryAgainLater, "Could not load subscriptions");
    }
    // The socket may have closed while the subscriptions loaded.
    if ((this.phase as Phase) === "closing") return;
    if (!start.ok) return this.rejectAuthentication("UNAUTHENTICATED", start.reason);

    clearTimeout(this.authTimer);
    this.phase = "ready";
    this.logger = this.logger.child({ userId: verdict.userId });
    this.logger.info("authenticated");
    this.send({ type: "ready", userId: verdict.userId, connectionId: this.id, heartbeatSeconds: this.context.limits.clientHeartbeatSeconds });
    for (const frame of this.queuedFrames.splice(0)) this.dispatch(frame);
  }

  private dispatch(frame: ClientFrame): void {
    if (this.phase !== "ready" || !this.session) return;
    const session = this.session;
    switch (frame.type) {
      case "hello":
        return this.offend("INVALID_FRAME", "Already authenticated");
      case "ping":
        this.send({ type: "pong" });
        return this.runInSession(() => session.heartbeat(), "heartbeat");
      default:
        return this.runInSession(() => session.handle(frame), frame.type);
    }
  }

  /** Session handlers answer their own errors; anything escaping is a bug, logged, never a crash. */
  private runInSession(work: () => Promise<void>, what: string): void {
    work().catch((error: unknown) => this.logger.error({ err: error, frame: what }, "frame handler failed"));
  }

  /**
   * The session's way out. Nothing of the session leaves before `ready`: its
   * topics are live before `ready` is sent, and an event delivered ahead of
   * it reached a client still "connecting", whose sync for the gap it saw
   * could not be sent and then kept the conversation waiting for an answer
   * that never came (the reconnect bench lost messages that way). Dropping
   * such an event loses nothing: the client syncs after `ready` from its
   * last seq, and everything published before then is already committed.
   */
  private sessionLink(userId: string): SessionLink {
    return {
      connectionId: this.id,
      userId,
      send: (frame) => {
        if (this.phase === "ready") this.send(frame);
      },
      sendEncoded: (text) => {
        if (this.phase === "ready") this.sendText(text);
      },
      close: (code, reason) => this.close(code as CloseCode, reason),
    };
  }

  private rejectAuthentication(code: FrameErrorCode, message: string): void {
    if (this.phase === "closing") return;
    this.send({ type: "error", code, message });
    this.close(closeCodes.unauthenticated, code === "UNSUPPORTED_VERSION" ? "Unsupported protocol version" : "Unauthenticated");
  }

  /** Answers a bad frame with an error; the offence that exhausts the allowance closes the socket. */
  private offend(code: FrameErrorCode, message: string): void {
    this.send({ type: "error", code, message });
    this.offenceBucket.tryTake();
    if (this.offenceBucket.available() < 1) {
      this.logger.warn({ code }, "too many offences");
      this.close(closeCodes.policyViolation, code === "RATE_LIMITED" ? "Rate limit exceeded" : "Too many invalid frames");
    }
  }

  private send(frame: ServerFrame): void {
    this.sendText(encodeFrame(frame));
  }

  private sendText(text: string): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > this.context.limits.maxBufferedBytes) return this.closeSlowClient();
    this.socket.send(text);
    this.context.metrics.framesOut.inc();
  }

  private closeSlowClient(): void {
    if (this.phase === "closing") return;
    this.context.metrics.slowClientCloses.inc();
    this.logger.warn({ bufferedAmount: this.socket.bufferedAmount }, "client too far behind; closing with 1013");
    this.close(closeCodes.tryAgainLater, "Too far behind; reconnect and resync");
    setTimeout(() => this.socket.terminate(), SLOW_CLIENT_TERMINATE_MS).unref();
  }

  private closed(code: number, reason: string): void {
    this.phase = "closing";
    clearTimeout(this.authTimer);
    this.context.metrics.connections.dec();
    this.logger.info({ code, reason }, "connection closed");
    this.session?.close().catch((error: unknown) => this.logger.warn({ err: error }, "session close failed"));
    this.context.onClosed(this);
  }
}
