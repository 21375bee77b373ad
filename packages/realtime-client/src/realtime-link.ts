/**
 * The connection half of the realtime client: one socket at a time, a fresh
 * token per connect, `hello`, heartbeats, dead-link detection and jittered
 * reconnects. It knows nothing of messages; RealtimeClient builds on it.
 *
 *   offline ──start──▶ connecting ──ready──▶ live
 *      ▲                  ▲   │                │
 *      │                  └───┴── close / silent link: backoff, reconnect ◀┘
 *      └── stop, or a close the protocol says not to retry (a client bug)
 *
 * Framework-free: runs against the browser WebSocket and, in tests, `ws`.
 */
import { closeCodes, isReconnectableClose } from "@parley/protocol/close-codes";
import { PROTOCOL_VERSION, type ClientFrame, type ReadyFrame, type ServerFrame } from "@parley/protocol/frames";
import { encodeFrame, parseServerFrame } from "@parley/protocol/parse-frame";
import { defaultBackoff, reconnectDelayMs, type BackoffOptions } from "./backoff.ts";

/** Where the link stands; the web app shows it and falls back to polling while not live. */
export type LiveStatus = "offline" | "connecting" | "live";

/** The part of a WebSocket the link uses; the browser's and `ws`'s both fit. */
export interface RealtimeSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  onClose(code: number): void;
}

/** Opens a socket and wires its events to `handlers`. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => RealtimeSocket;

/** The browser's WebSocket. */
export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event) => handlers.onMessage(String(event.data));
  socket.onclose = (event) => handlers.onClose(event.code);
  return socket;
};

export interface RealtimeCredentials {
  token: string;
  url: string;
}

export interface RealtimeLinkOptions {
  /** A fresh token and socket URL (tRPC `realtime.token`); called before every connect. */
  fetchCredentials: () => Promise<RealtimeCredentials>;
  createSocket: SocketFactory;
  onStatus?: (status: LiveStatus) => void;
  /** The server accepted the hello: subscriptions and resyncs go here. */
  onReady?: (frame: ReadyFrame) => void;
  /** Every frame after `ready` other than pong. */
  onFrame?: (frame: ServerFrame) => void;
  /** The socket is gone (whatever the reason): in-flight requests will get no answer. */
  onDown?: () => void;
  backoff?: BackoffOptions;
  /** The link counts as dead after this many heartbeat intervals without any frame from the server. */
  missedHeartbeatsBeforeDead?: number;
}

const SOCKET_OPEN = 1;
/** What a dead network looks like to a browser (no close frame ever came). */
const ABNORMAL_CLOSURE = 1006;

export class RealtimeLink {
  private readonly options: RealtimeLinkOptions;
  private socket: RealtimeSocket | null = null;
  private status: LiveStatus = "offline";
  private running = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private lastFrameAt = 0;
  /** Bumped by every connect and stop, so a connect still awaiting its token after a stop/start gives up. */
  private generation = 0;

  constructor(options: RealtimeLinkOptions) {
    this.options = options;
  }

  getStatus(): LiveStatus {
    return this.status;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation += 1;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.dropSocket("client stopped");
    this.setStatus("offline");
  }

  /** Skips the backoff wait (e.g. the browser says it is online again). */
  reconnectNow(): void {
    if (!this.running || this.status !== "offline" || !this.reconnectTimer) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    void this.connect();
  }

  /** Drops the socket as a dead network would; the link reconnects (tests and the e2e hook use it). */
  simulateDrop(): void {
    if (this.socket) this.handleClose(ABNORMAL_CLOSURE);
  }

  /** Sends when live; false when there is no open socket (the caller decides what that means). */
  sendFrame(frame: ClientFrame): boolean {
    if (this.status !== "live" || this.socket?.readyState !== SOCKET_OPEN) return false;
    this.socket.send(encodeFrame(frame));
    return true;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setStatus("connecting");
    let credentials: RealtimeCredentials;
    try {
      credentials = await this.options.fetchCredentials();
    } catch {
      if (generation === this.generation) this.scheduleReconnect();
      return;
    }
    if (!this.running || generation !== this.generation) return;
    // Events of a socket the link already dropped are ignored: a dead link's close can arrive minutes later.
    const socket: RealtimeSocket = this.options.createSocket(credentials.url, {
      onOpen: () => {
        if (this.socket === socket) socket.send(encodeFrame({ type: "hello", v: PROTOCOL_VERSION, token: credentials.token }));
      },
      onMessage: (text) => {
        if (this.socket === socket) this.handleText(text);
      },
      onClose: (code) => {
        if (this.socket === socket) this.handleClose(code);
      },
    });
    this.socket = socket;
  }

  private handleText(text: string): void {
    this.lastFrameAt = Date.now();
    const parsed = parseServerFrame(text);
    if (!parsed.ok) return; // a newer server's frame this client does not know: ignore it
    const { frame } = parsed;
    if (frame.type === "ready") {
      this.attempt = 0;
      this.startHeartbeat(frame.heartbeatSeconds);
      this.setStatus("live");
      this.options.onReady?.(frame);
      return;
    }
    if (frame.type !== "pong") this.options.onFrame?.(frame);
  }

  private handleClose(code: number): void {
    this.dropSocket("dropped");
    this.options.onDown?.();
    if (!this.running) return;
    if (!isReconnectableClose(code)) {
      this.running = false;
      this.setStatus("offline");
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.setStatus("offline");
    if (!this.running || this.reconnectTimer) return;
    const delay = reconnectDelayMs(this.attempt++, this.options.backoff ?? defaultBackoff);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.running) void this.connect();
    }, delay);
  }

  private dropSocket(reason: string): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    try {
      // Browsers only let a client close with 1000 or 3000-4999, whatever the server sent.
      socket.close(closeCodes.normal, reason);
    } catch {
      // already closing
    }
  }

  private startHeartbeat(heartbeatSeconds: number): void {
    const intervalMs = heartbeatSeconds * 1000;
    const deadAfterMs = intervalMs * (this.options.missedHeartbeatsBeforeDead ?? 2);
    this.lastFrameAt = Date.now();
    this.heartbeatTimer = setInterval(() => {
      if (Date.now() - this.lastFrameAt > deadAfterMs) {
        this.handleClose(ABNORMAL_CLOSURE);
        return;
      }
      if (this.socket?.readyState === SOCKET_OPEN) this.socket.send(encodeFrame({ type: "ping" }));
    }, intervalMs);
  }

  private setStatus(next: LiveStatus): void {
    if (next === this.status) return;
    this.status = next;
    this.options.onStatus?.(next);
  }
}
