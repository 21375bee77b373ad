/**
 * The authenticated half of one socket: which topics it follows, and the
 * frames it may send once `ready` (send, sync, typing, presence). The
 * connection (connection.ts) owns the transport; this owns the meaning.
 *
 * Subscriptions: the user's own topic plus every conversation they are an
 * active participant of, all live BEFORE `ready` is sent, so the client's
 * sync-after-ready cannot miss an event published in between (it may see one
 * twice; clients drop duplicates by seq).
 */
import { closeCodes, type CloseCode } from "@parley/protocol/close-codes";
import { conversationTopic, userTopic } from "@parley/protocol/events";
import type { ClientFrame, ServerFrame } from "@parley/protocol/frames";
import { sendMessage } from "@parley/api/messages/messages.service";
import { syncMessages } from "@parley/api/messages/message-history.service";
import { loadSocketAccess } from "@parley/api/realtime/socket-access";
import type { ServicePorts } from "@parley/api/ports";
import type { Logger } from "pino";
import { frameErrorOf } from "./frame-errors.ts";
import type { ReaderGuard } from "./reader-guard.ts";
import type { TopicRouter } from "./topic-router.ts";
import type { PresenceHub } from "../presence/presence-hub.ts";
import { TokenBucket, type TokenBucketOptions } from "../token-bucket.ts";

/**
 * A server frame as the UTF-8 bytes of its JSON, made once per event and
 * written as a text frame to every recipient: a string would be converted to
 * bytes again for each socket (a tenth of a node's CPU in the delivery bench).
 */
export type EncodedFrame = Buffer;

/** What a session needs from its socket (the RealtimeConnection itself). */
export interface SessionLink {
  readonly connectionId: string;
  send(frame: ServerFrame): void;
  /** An already-encoded server frame (fan-out encodes once for every socket). */
  sendEncoded(frame: EncodedFrame): void;
  close(code: CloseCode, reason: string): void;
}

export interface SessionServices {
  ports: ServicePorts;
  router: TopicRouter<RealtimeSession>;
  readers: ReaderGuard;
  presence: PresenceHub<RealtimeSession>;
  logger: Logger;
  /** Membership and account state are re-read from Postgres at most this often (on the client's pings). */
  reconcileIntervalMs: number;
}

export type SessionStart = { ok: true } | { ok: false; reason: string };

const SYNC_DEFAULT_LIMIT = 200;
// Shared by every session's sync bucket (a bucket keeps its options by reference).
const SYNC_RATE: TokenBucketOptions = { burst: 200, refillPerSecond: 50 };
// A typing frame per conversation at most this often is relayed; the client throttles to one per 3 s.
const TYPING_RELAY_INTERVAL_MS = 2_000;
// Repairs anything a lost event left wrong, and closes the sockets of a user deactivated meanwhile.
export const DEFAULT_RECONCILE_INTERVAL_MS = 30_000;

export class RealtimeSession {
  readonly userId: string;
  userName = "";
  private readonly conversations = new Set<string>();
  // Created on first use: an idle socket never types or syncs, and a node holds tens of thousands of them.
  private lastTypingAt: Map<string, number> | undefined;
  private syncBucket: TokenBucket | undefined;
  private lastReconcileAt = Date.now();
  private isClosed = false;

  constructor(
    private readonly link: SessionLink,
    userId: string,
    private readonly services: SessionServices,
  ) {
    this.userId = userId;
  }

  get connectionId(): string {
    return this.link.connectionId;
  }

  /** Loads the user and subscribes everything; a refusal means the socket must be closed. */
  async start(): Promise<SessionStart> {
    const access = await loadSocketAccess(this.services.ports.db, this.userId);
    if (!access || !access.isActive) return { ok: false, reason: "This account is deactivated" };
    this.userName = access.name;
    await this.services.router.join(userTopic(this.userId), this);
    await Promise.all(access.conversationIds.map((conversationId) => this.follow(conversationId)));
    await this.services.presence.connected(this);
    return { ok: true };
  }

  async follow(conversationId: string): Promise<void> {
    if (this.isClosed || this.conversations.has(conversationId)) return;
    this.conversations.add(conversationId);
    await this.services.router.join(conversationTopic(conversationId), this);
  }

  unfollow(conversationId: string): void {
    if (!this.conversations.delete(conversationId)) return;
    this.services.router.leave(conversationTopic(conversationId), this);
    this.lastTypingAt?.delete(conversationId);
  }

  deliverEncoded(frame: EncodedFrame): void {
    if (!this.isClosed) this.link.sendEncoded(frame);
  }

  send(frame: ServerFrame): void {
    if (!this.isClosed) this.link.send(frame);
  }

  /** Frames after `ready` other than hello and ping. */
  async handle(frame: Exclude<ClientFrame, { type: "hello" | "ping" }>): Promise<void> {
    switch (frame.type) {
      case "send":
        return this.handleSend(frame);
      case "sync":
        return this.handleSync(frame);
      case "typing":
        return this.handleTyping(frame.conversationId);
      case "presence.subscribe":
        return this.services.presence.subscribe(this, frame.userIds);
      case "presence.status":
        return this.services.presence.setStatus(this, frame.status);
    }
  }

  /** The client's heartbeat: presence stays fresh, and membership is reconciled now and then. */
  async heartbeat(): Promise<void> {
    await this.services.presence.heartbeat(this);
    if (Date.now() - this.lastReconcileAt >= this.services.reconcileIntervalMs) await this.reconcile();
  }

  /** Brings subscriptions in line with Postgres; closes the socket of a user deactivated meanwhile. */
  async reconcile(): Promise<void> {
    this.lastReconcileAt = Date.now();
    const access = await loadSocketAccess(this.services.ports.db, this.userId);
    if (!access || !access.isActive) {
      this.link.close(closeCodes.unauthenticated, "Account deactivated");
      return;
    }
    const wanted = new Set(access.conversationIds);
    for (const conversationId of [...this.conversations]) if (!wanted.has(conversationId)) this.unfollow(conversationId);
    const added = [...wanted].filter((conversationId) => !this.conversations.has(conversationId));
    await Promise.all(added.map((conversationId) => this.follow(conversationId)));
    // Something was missed: the client syncs to catch up on those conversations.
    if (added.length > 0) this.send({ type: "resync" });
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const conversationId of [...this.conversations]) this.unfollow(conversationId);
    this.services.router.leave(userTopic(this.userId), this);
    await this.services.presence.disconnected(this);
  }

  private async handleSend(frame: Extract<ClientFrame, { type: "send" }>): Promise<void> {
    const { clientMessageId } = frame;
    try {
      const result = await sendMessage(
        this.services.ports,
        { userId: this.userId },
        {
          conversationId: frame.conversationId,
          clientMessageId,
          body: frame.body,
          threadRootId: frame.threadRootId,
        },
      );
      this.send({ type: "ack", clientMessageId, message: result.message, isReplay: result.isReplay });
    } catch (error) {
      const { code, message } = frameErrorOf(error);
      if (code === "UNAVAILABLE") this.services.logger.error({ err: error, conversationId: frame.conversationId }, "send failed");
      this.send({ type: "error", code, message, clientMessageId });
    }
  }

  private async handleSync(frame: Extract<ClientFrame, { type: "sync" }>): Promise<void> {
    const { conversationId } = frame;
    this.syncBucket ??= new TokenBucket(SYNC_RATE);
    if (!this.syncBucket.tryTake()) {
      this.send({ type: "error", code: "RATE_LIMITED", message: "Too many sync requests; slow down", conversationId });
      return;
    }
    try {
      const batch = await syncMessages(
        this.services.ports,
        { userId: this.userId },
        {
          conversationId,
          afterSeq: frame.afterSeq,
          limit: frame.limit ?? SYNC_DEFAULT_LIMIT,
        },
      );
      this.send({ type: "sync.batch", conversationId, messages: batch.messages, hasMore: batch.hasMore });
    } catch (error) {
      const { code, message } = frameErrorOf(error);
      if (code === "UNAVAILABLE") this.services.logger.error({ err: error, conversationId }, "sync failed");
      this.send({ type: "error", code, message, conversationId });
    }
  }

  private async handleTyping(conversationId: string): Promise<void> {
    // Only conversations this socket follows (active participant, checked at
    // subscribe and kept current by membership events): typing elsewhere is dropped.
    if (!this.conversations.has(conversationId)) {
      // No conversationId on this error: to the client that would mean "your sync of it failed".
      this.send({ type: "error", code: "NOT_FOUND", message: "Typing: that conversation does not exist or you are not in it." });
      return;
    }
    const now = Date.now();
    this.lastTypingAt ??= new Map();
    if (now - (this.lastTypingAt.get(conversationId) ?? 0) < TYPING_RELAY_INTERVAL_MS) return;
    this.lastTypingAt.set(conversationId, now);
    try {
      await this.services.ports.bus.publish(conversationTopic(conversationId), {
        type: "typing",
        conversationId,
        userId: this.userId,
        userName: this.userName,
      });
    } catch (error) {
      // Ephemeral: a typing indicator lost to a bus outage is not worth an error frame.
      this.services.logger.debug({ err: error }, "typing publish failed");
    }
  }
}
