/**
 * The messaging half of the browser's realtime client, on top of RealtimeLink.
 *
 * Delivery guarantee: message.created events reach `onEvent` exactly once per
 * seq and in seq order per conversation. Duplicates (replays after a resync, a
 * second node) are dropped by seq; a gap pauses the conversation, asks `sync`
 * (exclusive afterSeq, looping while hasMore) and then replays what arrived
 * meanwhile. On every (re)connect and on a `resync` frame every known
 * conversation is synced.
 */
import type { BusEvent } from "@parley/protocol/events";
import type { ClientFrame, ServerFrame } from "@parley/protocol/frames";
import type { BackoffOptions } from "./backoff.ts";
import { RealtimeLink, type LiveStatus, type RealtimeCredentials, type SocketFactory } from "./realtime-link.ts";
import { DeliverySequencer } from "./delivery-sequencer.ts";

export { browserSocketFactory, type LiveStatus, type RealtimeCredentials, type SocketFactory } from "./realtime-link.ts";

export type PresenceFrame = Extract<ServerFrame, { type: "presence" }>;
export type TypingFrame = Extract<ServerFrame, { type: "typing" }>;
/** A message to send: the `send` frame's fields (the same shape as tRPC's messages.send input). */
export type RealtimeSendInput = Omit<Extract<ClientFrame, { type: "send" }>, "type">;
/** The server's ack of a send: the stored message (the same shape as tRPC's messages.send result). */
export type RealtimeSendAck = Omit<Extract<ServerFrame, { type: "ack" }>, "type">;

export interface RealtimeClientOptions {
  fetchCredentials: () => Promise<RealtimeCredentials>;
  createSocket: SocketFactory;
  onEvent: (event: BusEvent) => void;
  onStatus?: (status: LiveStatus) => void;
  onPresence?: (frame: PresenceFrame) => void;
  onTyping?: (frame: TypingFrame) => void;
  backoff?: BackoffOptions;
  /** A send not acked within this is rejected (the caller retries over tRPC, idempotently). */
  sendTimeoutMs?: number;
}

export class RealtimeSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RealtimeSendError";
  }
}

const SYNC_RETRY_DELAY_MS = 1_000;

interface PendingSend {
  resolve: (result: RealtimeSendAck) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class RealtimeClient {
  private readonly options: RealtimeClientOptions;
  private readonly link: RealtimeLink;
  private readonly sequencer: DeliverySequencer;
  private readonly pendingSends = new Map<string, PendingSend>();
  private readonly presenceUserIds = new Set<string>();
  private deviceStatus: "online" | "away" = "online";

  constructor(options: RealtimeClientOptions) {
    this.options = options;
    this.sequencer = new DeliverySequencer({
      deliver: (event) => options.onEvent(event),
      requestSync: (conversationId, afterSeq) => this.link.sendFrame({ type: "sync", conversationId, afterSeq }),
    });
    this.link = new RealtimeLink({
      fetchCredentials: options.fetchCredentials,
      createSocket: options.createSocket,
      onStatus: options.onStatus,
      backoff: options.backoff,
      onReady: () => {
        if (this.deviceStatus === "away") this.link.sendFrame({ type: "presence.status", status: "away" });
        if (this.presenceUserIds.size > 0) this.link.sendFrame({ type: "presence.subscribe", userIds: [...this.presenceUserIds] });
        this.sequencer.resyncAll();
      },
      onFrame: (frame) => this.handleFrame(frame),
      onDown: () => {
        this.failPendingSends(new RealtimeSendError("UNAVAILABLE", "Connection lost"));
        this.sequencer.linkDown();
      },
    });
  }

  getStatus(): LiveStatus {
    return this.link.getStatus();
  }

  start(): void {
    this.link.start();
  }

  stop(): void {
    this.link.stop();
  }

  reconnectNow(): void {
    this.link.reconnectNow();
  }

  /** Drops the socket as a dead network would; the client reconnects and resyncs. */
  simulateDrop(): void {
    this.link.simulateDrop();
  }

  /** Tracks a conversation from the seq the screen already holds, so later gaps are noticed. */
  trackConversation(conversationId: string, lastSeq: number): void {
    this.sequencer.track(conversationId, lastSeq);
  }

  lastSeq(conversationId: string): number | undefined {
    return this.sequencer.lastSeq(conversationId);
  }

  send(input: RealtimeSendInput): Promise<RealtimeSendAck> {
    const { clientMessageId } = input;
    return new Promise((resolve, reject) => {
      this.pendingSends.get(clientMessageId)?.reject(new RealtimeSendError("CONFLICT", "Superseded by a retry of the same message"));
      const timer = setTimeout(
        () => this.settleSend(clientMessageId, new RealtimeSendError("TIMEOUT", "No ack from the server in time")),
        this.options.sendTimeoutMs ?? 10_000,
      );
      this.pendingSends.set(clientMessageId, { resolve, reject, timer });
      if (!this.link.sendFrame({ type: "send", ...input })) this.settleSend(clientMessageId, new RealtimeSendError("UNAVAILABLE", "Not connected"));
    });
  }

  typing(conversationId: string): void {
    this.link.sendFrame({ type: "typing", conversationId });
  }

  /** This tab is in use (online) or hidden/idle (away); re-sent on every reconnect. */
  setDeviceStatus(status: "online" | "away"): void {
    if (status === this.deviceStatus) return;
    this.deviceStatus = status;
    this.link.sendFrame({ type: "presence.status", status });
  }

  /** Replaces the set of users whose presence this tab shows; re-sent on every reconnect. */
  subscribePresence(userIds: readonly string[]): void {
    this.presenceUserIds.clear();
    for (const userId of userIds) this.presenceUserIds.add(userId);
    this.link.sendFrame({ type: "presence.subscribe", userIds: [...this.presenceUserIds] });
  }

  // ---------- inbound frames ----------

  private handleFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case "resync":
        this.sequencer.resyncAll();
        return;
      case "event":
        this.handleEvent(frame.event);
        return;
      case "sync.batch":
        this.sequencer.onSyncBatch(frame.conversationId, frame.messages, frame.hasMore);
        return;
      case "ack":
        this.settleSend(frame.clientMessageId, { message: frame.message, clientMessageId: frame.clientMessageId, isReplay: frame.isReplay });
        return;
      case "error":
        if (frame.clientMessageId) this.settleSend(frame.clientMessageId, new RealtimeSendError(frame.code, frame.message));
        if (frame.conversationId) this.handleConversationError(frame.conversationId, frame.code);
        return;
      case "presence":
        this.options.onPresence?.(frame);
        return;
      case "typing":
        this.options.onTyping?.(frame);
        return;
      case "ready":
      case "pong":
        return; // the link consumes these and never passes them on
    }
  }

  private handleEvent(event: BusEvent): void {
    if (event.type === "message.created") {
      this.sequencer.onCreated(event);
      return;
    }
    if (event.type === "conversation.removed") this.sequencer.forget(event.conversationId);
    this.options.onEvent(event);
  }

  /** No access any more: stop tracking. A transient refusal: sync again shortly. */
  private handleConversationError(conversationId: string, code: string): void {
    if (code === "NOT_FOUND" || code === "FORBIDDEN") {
      this.sequencer.forget(conversationId);
      return;
    }
    setTimeout(
      () => {
        if (this.link.getStatus() === "live") this.sequencer.retrySync(conversationId);
      },
      SYNC_RETRY_DELAY_MS + Math.random() * SYNC_RETRY_DELAY_MS,
    );
  }

  private settleSend(clientMessageId: string, outcome: RealtimeSendAck | Error): void {
    const pending = this.pendingSends.get(clientMessageId);
    if (!pending) return;
    this.pendingSends.delete(clientMessageId);
    clearTimeout(pending.timer);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }

  private failPendingSends(error: Error): void {
    for (const clientMessageId of [...this.pendingSends.keys()]) this.settleSend(clientMessageId, error);
  }
}
