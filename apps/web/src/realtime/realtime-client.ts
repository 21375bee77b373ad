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
import type { BusEvent, MessageView } from "@parley/protocol/events";
import type { ServerFrame } from "@parley/protocol/frames";
import type { SendMessageInput, SendMessageResult } from "@parley/api/messages/messages.schema";
import type { LiveStatus } from "../live/live-events.ts";
import type { BackoffOptions } from "./backoff.ts";
import { RealtimeLink, type RealtimeCredentials, type SocketFactory } from "./realtime-link.ts";
import { SeqTracker } from "./seq-tracker.ts";

export { browserSocketFactory, type RealtimeCredentials, type SocketFactory } from "./realtime-link.ts";

export type PresenceFrame = Extract<ServerFrame, { type: "presence" }>;
export type TypingFrame = Extract<ServerFrame, { type: "typing" }>;
type SyncBatchFrame = Extract<ServerFrame, { type: "sync.batch" }>;

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

interface PendingSend {
  resolve: (result: SendMessageResult) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class RealtimeClient {
  private readonly options: RealtimeClientOptions;
  private readonly link: RealtimeLink;
  private readonly seqs = new SeqTracker();
  /** Conversations with a sync in flight, and the created messages held back until it ends. */
  private readonly syncing = new Map<string, MessageView[]>();
  private readonly pendingSends = new Map<string, PendingSend>();
  private readonly presenceUserIds = new Set<string>();

  constructor(options: RealtimeClientOptions) {
    this.options = options;
    this.link = new RealtimeLink({
      fetchCredentials: options.fetchCredentials,
      createSocket: options.createSocket,
      onStatus: options.onStatus,
      backoff: options.backoff,
      onReady: () => {
        if (this.presenceUserIds.size > 0) this.link.sendFrame({ type: "presence.subscribe", userIds: [...this.presenceUserIds] });
        this.resyncAll();
      },
      onFrame: (frame) => this.handleFrame(frame),
      onDown: () => {
        this.failPendingSends(new RealtimeSendError("UNAVAILABLE", "Connection lost"));
        this.syncing.clear();
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
    this.seqs.know(conversationId, lastSeq);
  }

  lastSeq(conversationId: string): number | undefined {
    return this.seqs.lastSeq(conversationId);
  }

  send(input: SendMessageInput): Promise<SendMessageResult> {
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
        this.resyncAll();
        return;
      case "event":
        this.handleEvent(frame.event);
        return;
      case "sync.batch":
        this.handleSyncBatch(frame);
        return;
      case "ack":
        this.settleSend(frame.clientMessageId, { message: frame.message, clientMessageId: frame.clientMessageId, isReplay: frame.isReplay });
        return;
      case "error":
        if (frame.clientMessageId) this.settleSend(frame.clientMessageId, new RealtimeSendError(frame.code, frame.message));
        if (frame.conversationId) this.abandonSync(frame.conversationId);
        return;
      case "presence":
        this.options.onPresence?.(frame);
        return;
      case "typing":
        this.options.onTyping?.(frame);
        return;
    }
  }

  private handleEvent(event: BusEvent): void {
    if (event.type === "conversation.removed") this.seqs.forget(event.conversationId);
    if (event.type !== "message.created") {
      this.options.onEvent(event);
      return;
    }
    const { conversationId, message } = event;
    const heldBack = this.syncing.get(conversationId);
    if (heldBack) {
      heldBack.push(message);
      return;
    }
    const verdict = this.seqs.classify(conversationId, message.seq);
    if (verdict === "duplicate") return;
    if (verdict === "gap") {
      this.startSync(conversationId, [message]);
      return;
    }
    this.seqs.advance(conversationId, message.seq);
    this.options.onEvent(event);
  }

  private resyncAll(): void {
    for (const conversationId of this.seqs.conversations()) {
      if (!this.syncing.has(conversationId)) this.startSync(conversationId, []);
    }
  }

  private startSync(conversationId: string, heldBack: MessageView[]): void {
    this.syncing.set(conversationId, heldBack);
    this.link.sendFrame({ type: "sync", conversationId, afterSeq: this.seqs.lastSeq(conversationId) ?? 0 });
  }

  private handleSyncBatch(frame: SyncBatchFrame): void {
    const { conversationId } = frame;
    const heldBack = this.syncing.get(conversationId);
    if (!heldBack) return; // a batch for a sync this client gave up on (reconnected since)
    for (const message of frame.messages) this.deliverIfNext(conversationId, message);
    if (frame.hasMore) {
      this.link.sendFrame({ type: "sync", conversationId, afterSeq: this.seqs.lastSeq(conversationId) ?? 0 });
      return;
    }
    this.syncing.delete(conversationId);
    heldBack.sort((a, b) => a.seq - b.seq);
    for (const message of heldBack) {
      if (this.seqs.classify(conversationId, message.seq) === "gap") {
        // Still a hole (the server's page ended before it): ask again from the new position.
        this.startSync(conversationId, heldBack.slice(heldBack.indexOf(message)));
        return;
      }
      this.deliverIfNext(conversationId, message);
    }
  }

  /** The server refused a sync (e.g. no longer a member): stop tracking rather than hold its events forever. */
  private abandonSync(conversationId: string): void {
    this.syncing.delete(conversationId);
    this.seqs.forget(conversationId);
  }

  private deliverIfNext(conversationId: string, message: MessageView): void {
    if (this.seqs.classify(conversationId, message.seq) === "duplicate") return;
    this.seqs.advance(conversationId, message.seq);
    this.options.onEvent({ type: "message.created", conversationId, message, clientMessageId: null });
  }

  private settleSend(clientMessageId: string, outcome: SendMessageResult | Error): void {
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
