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
import { type RawData, WebSocket } from "ws";
import { type ConnectionContext, type ConnectionPeer } from "./connection-context.ts";
import { type EncodedFrame, type RealtimeSession, type SessionLink } from "./delivery/session.ts";
import { TokenBucket } from "./token-bucket.ts";
import { coalesceWritesThisTurn } from "@parley/api/batching/write-coalescing";

type Phase = "awaiting_hello" | "authenticating" | "ready" | "closing";

// Frames a client pipelines behind its hello are kept until the token is
// verified; more than this while waiting is abuse.
const MAX_FRAMES_QUEUED_DURING_AUTH = 8;
// After a 1013 close, how long a socket that never reads its buffer is given before the TCP connection is dropped.
const SLOW_CLIENT_TERMINATE_MS = 5_000;
// Every server frame is JSON: bytes (an EncodedFrame) go out as text frames too.
const TEXT_FRAME = { binary: false } as const;

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

// The connection of each socket, for the socket listeners: ws calls a listener
// with the socket as `this`, so four functions serve every socket where four
// closures (and their context) per held socket cost ~270 B (ws's own internal
// listeners work the same way).
const connectionOfSocket = new WeakMap<WebSocket, RealtimeConnection>();

/**
 * Also the session's link (SessionLink): the session sends through it, gated
 * on `ready`, without a per-socket object of closures in between.
 */
export class RealtimeConnection implements SessionLink {
  readonly connectionId = randomUUID();
  private phase: Phase = "awaiting_hello";
  /** When the ping still unanswered went out (performance.now() ms); 0 once anything came back. */
  private pingUnansweredSince = 0;
  private readonly frameBucket: TokenBucket;
  // Allocated on the first offence and on the first frame pipelined behind hello: most sockets never need them.
  private offenceBucket: TokenBucket | undefined;
  private queuedFrames: ClientFrame[] | undefined;
  // Dropped once cleared, so a held socket does not keep its spent Timeout.
  private authTimer: NodeJS.Timeout | undefined;
  private session: RealtimeSession | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly context: ConnectionContext<RealtimeConnection>,
    private readonly peer: ConnectionPeer,
  ) {
    this.frameBucket = new TokenBucket(context.rates.frames);
    this.authTimer = setTimeout(() => this.rejectAuthentication("UNAUTHENTICATED", "No hello within the time limit"), context.limits.authTimeoutMs);
    this.authTimer.unref();

    connectionOfSocket.set(socket, this);
    socket.on("message", RealtimeConnection.onSocketMessage);
    socket.on("pong", RealtimeConnection.onSocketPong);
    // ws reports protocol violations (invalid UTF-8 → 1007, over maxPayload →
    // 1009) as an error and closes the socket itself; without a listener the
    // error would crash the process.
    socket.on("error", RealtimeConnection.onSocketError);
    socket.on("close", RealtimeConnection.onSocketClose);
    context.metrics.connections.inc();
    // Per-socket lifecycle lines are debug: at tens of thousands of sockets (and reconnect storms) they are noise; the connections gauge counts them.
    if (context.logger.isLevelEnabled("debug")) context.logger.debug(this.logFields({ remoteAddress: peer.remoteAddress }), "connection opened");
  }

  private static onSocketMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    connectionOfSocket.get(this)?.receive(data, isBinary);
  }

  private static onSocketPong(this: WebSocket): void {
    const connection = connectionOfSocket.get(this);
    if (connection) connection.pingUnansweredSince = 0;
  }

  private static onSocketError(this: WebSocket, error: Error): void {
    const connection = connectionOfSocket.get(this);
    connection?.context.logger.info(connection.logFields({ reason: error.message, remoteAddress: connection.peer.remoteAddress }), "socket protocol error");
  }

  private static onSocketClose(this: WebSocket, code: number, reason: Buffer): void {
    connectionOfSocket.get(this)?.closed(code, reason.toString());
  }

  /** Ends the connection with a close frame (e.g. 1012 on shutdown). */
  close(code: CloseCode, reason: string): void {
    if (this.phase === "closing") return;
    this.phase = "closing";
    this.clearAuthTimer();
    this.context.logger.debug(this.logFields({ code, reason }), "closing connection");
    this.socket.close(code, reason);
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
  send(frame: ServerFrame): void {
    if (this.phase === "ready") this.write(frame);
  }

  /** An already-encoded frame from the session's fan-out; gated on `ready` like send. */
  sendEncoded(frame: EncodedFrame): void {
    if (this.phase === "ready") this.writeText(frame);
  }

  /** After a bus gap: the client syncs every conversation from its last seq. */
  requestResync(): void {
    this.send({ type: "resync" });
  }

  /** Drops the TCP connection without a close handshake. */
  terminate(): void {
    this.phase = "closing";
    this.socket.terminate();
  }

  /**
   * Called about once per heartbeat interval (spread-sweep.ts). A socket that
   * has answered nothing (no pong, no frame) for `deadAfterMs` since its ping
   * is dead or half-open; one reached sooner keeps waiting for its answer.
   */
  checkHeartbeat(nowMs: number, deadAfterMs: number): void {
    if (this.pingUnansweredSince !== 0) {
      if (nowMs - this.pingUnansweredSince < deadAfterMs) return;
      this.context.logger.debug(this.logFields(), "missed heartbeat; terminating");
      this.terminate();
      return;
    }
    // Never 0, which means "answered".
    this.pingUnansweredSince = Math.max(nowMs, 1);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.phase === "closing") return;
    this.context.metrics.framesIn.inc();
    this.pingUnansweredSince = 0;
    if (isBinary) return this.close(closeCodes.unsupportedData, "Binary frames are not supported");
    if (!this.frameBucket.tryTake()) return this.offend("RATE_LIMITED", "Too many frames; slow down");

    const parsed = parseClientFrame(rawDataToText(data));
    if (this.phase === "awaiting_hello") return this.receiveHello(parsed);
    if (!parsed.ok) return this.offend(parsed.code, parsed.message);
    if (this.phase === "authenticating") {
      this.queuedFrames ??= [];
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
    this.clearAuthTimer();
    this.phase = "authenticating";
    void this.authenticate(parsed.frame.token);
  }

  private async authenticate(token: string): Promise<void> {
    let verdict;
    try {
      verdict = await this.context.authenticate(token);
    } catch (error) {
      this.context.logger.error(this.logFields({ err: error }), "token verification failed");
      return this.close(closeCodes.internalError, "Internal error");
    }
    if (this.phase === "closing") return;
    if (!verdict.isAuthenticated) return this.rejectAuthentication("UNAUTHENTICATED", verdict.message);

    const session = this.context.openSession(this, verdict.userId);
    this.session = session;
    let start;
    try {
      start = await session.start();
    } catch (error) {
      this.context.logger.error(this.logFields({ err: error }), "session start failed");
      return this.close(closeCodes.tryAgainLater, "Could not load subscriptions");
    }
    // The socket may have closed while the subscriptions loaded.
    if ((this.phase as Phase) === "closing") return;
    if (!start.ok) return this.rejectAuthentication("UNAUTHENTICATED", start.reason);

    this.clearAuthTimer();
    this.phase = "ready";
    this.context.logger.debug(this.logFields(), "authenticated");
    this.write({ type: "ready", userId: verdict.userId, connectionId: this.connectionId, heartbeatSeconds: this.context.limits.clientHeartbeatSeconds });
    const queued = this.queuedFrames ?? [];
    this.queuedFrames = undefined;
    for (const frame of queued) this.dispatch(frame);
  }

  private dispatch(frame: ClientFrame): void {
    if (this.phase !== "ready" || !this.session) return;
    const session = this.session;
    switch (frame.type) {
      case "hello":
        return this.offend("INVALID_FRAME", "Already authenticated");
      case "ping":
        this.write({ type: "pong" });
        return this.runInSession(() => session.heartbeat(), "heartbeat");
      case "send":
      case "sync":
      case "typing":
      case "presence.subscribe":
      case "presence.status":
        return this.runInSession(() => session.handle(frame), frame.type);
    }
  }

  /** Session handlers answer their own errors; anything escaping is a bug, logged, never a crash. */
  private runInSession(work: () => Promise<void>, what: string): void {
    work().catch((error: unknown) => this.context.logger.error(this.logFields({ err: error, frame: what }), "frame handler failed"));
  }

  private rejectAuthentication(code: FrameErrorCode, message: string): void {
    if (this.phase === "closing") return;
    this.write({ type: "error", code, message });
    this.close(closeCodes.unauthenticated, code === "UNSUPPORTED_VERSION" ? "Unsupported protocol version" : "Unauthenticated");
  }

  /** Answers a bad frame with an error; the offence that exhausts the allowance closes the socket. */
  private offend(code: FrameErrorCode, message: string): void {
    this.write({ type: "error", code, message });
    this.offenceBucket ??= new TokenBucket(this.context.rates.offences);
    this.offenceBucket.tryTake();
    if (this.offenceBucket.available() < 1) {
      this.context.logger.warn(this.logFields({ code, remoteAddress: this.peer.remoteAddress }), "too many offences");
      this.close(closeCodes.policyViolation, code === "RATE_LIMITED" ? "Rate limit exceeded" : "Too many invalid frames");
    }
  }

  /** Sends whatever the phase (errors before ready, ready itself, pong); the session's frames go through send. */
  private write(frame: ServerFrame): void {
    this.writeText(encodeFrame(frame));
  }

  private writeText(json: string | EncodedFrame): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > this.context.limits.maxBufferedBytes) return this.closeSlowClient();
    coalesceWritesThisTurn(this.peer);
    this.socket.send(json, TEXT_FRAME);
    this.context.metrics.framesOut.inc();
  }

  private closeSlowClient(): void {
    if (this.phase === "closing") return;
    this.context.metrics.slowClientCloses.inc();
    this.context.logger.warn(this.logFields({ bufferedAmount: this.socket.bufferedAmount }), "client too far behind; closing with 1013");
    this.close(closeCodes.tryAgainLater, "Too far behind; reconnect and resync");
    setTimeout(() => this.socket.terminate(), SLOW_CLIENT_TERMINATE_MS).unref();
  }

  private closed(code: number, reason: string): void {
    this.phase = "closing";
    this.clearAuthTimer();
    this.context.metrics.connections.dec();
    this.context.logger.debug(this.logFields({ code, reason }), "connection closed");
    this.session?.close().catch((error: unknown) => this.context.logger.warn(this.logFields({ err: error }), "session close failed"));
    this.context.onClosed(this);
  }

  private clearAuthTimer(): void {
    clearTimeout(this.authTimer);
    this.authTimer = undefined;
  }

  /** The ids every line about this socket carries (what a per-connection child logger used to bind). */
  private logFields(fields?: Record<string, unknown>): Record<string, unknown> {
    return { connectionId: this.connectionId, userId: this.session?.userId, ...fields };
  }
}
