/**
 * Turns what the socket hands over (live message.created events, sync pages,
 * "resync everything") into deliveries that are exactly once per seq and in
 * seq order per conversation, plus the sync requests needed to fill holes.
 * Pure logic with no socket, so every interleaving can be tested directly.
 */
import type { BusEvent, MessageView } from "@parley/protocol/events";
import { SeqTracker } from "./seq-tracker.ts";

export type MessageCreatedEvent = Extract<BusEvent, { type: "message.created" }>;

export interface SequencerOutput {
  deliver(event: MessageCreatedEvent): void;
  /**
   * Ask the server for messages with seq > afterSeq in this conversation.
   * False when the request could not go out (no live socket): no answer will come.
   */
  requestSync(conversationId: string, afterSeq: number): boolean;
}

export class DeliverySequencer {
  private readonly seqs = new SeqTracker();
  /** Conversations with a sync in flight, and the live events held back until it ends. */
  private readonly syncing = new Map<string, MessageCreatedEvent[]>();

  constructor(private readonly output: SequencerOutput) {}

  track(conversationId: string, lastSeq: number): void {
    this.seqs.know(conversationId, lastSeq);
  }

  lastSeq(conversationId: string): number | undefined {
    return this.seqs.lastSeq(conversationId);
  }

  /** The user left or was removed, or the server refused a sync: stop tracking. */
  forget(conversationId: string): void {
    this.syncing.delete(conversationId);
    this.seqs.forget(conversationId);
  }

  /**
   * The server could not answer a sync right now (rate limit, database
   * hiccup): give it up and start again from the last delivered seq. What
   * was held back is refetched by that sync, since nothing past it was delivered.
   */
  retrySync(conversationId: string): void {
    if (!this.seqs.conversations().includes(conversationId)) return;
    this.startSync(conversationId, []);
  }

  /** The socket dropped: answers to in-flight syncs will never come. */
  linkDown(): void {
    this.syncing.clear();
  }

  /** After a (re)connect or a `resync` frame: catch up on every known conversation. */
  resyncAll(): void {
    for (const conversationId of this.seqs.conversations()) {
      if (!this.syncing.has(conversationId)) this.startSync(conversationId, []);
    }
  }

  onCreated(event: MessageCreatedEvent): void {
    const { conversationId, message } = event;
    const heldBack = this.syncing.get(conversationId);
    if (heldBack) {
      heldBack.push(event);
      return;
    }
    const verdict = this.seqs.classify(conversationId, message.seq);
    if (verdict === "duplicate") return;
    if (verdict === "gap") {
      this.startSync(conversationId, [event]);
      return;
    }
    this.seqs.advance(conversationId, message.seq);
    this.output.deliver(event);
  }

  onSyncBatch(conversationId: string, messages: readonly MessageView[], hasMore: boolean): void {
    const heldBack = this.syncing.get(conversationId);
    if (!heldBack) return; // a batch for a sync given up on (the link dropped since)
    for (const message of messages) this.deliverUnlessSeen({ type: "message.created", conversationId, message, clientMessageId: null });
    if (hasMore) {
      if (!this.output.requestSync(conversationId, this.seqs.lastSeq(conversationId) ?? 0)) this.syncing.delete(conversationId);
      return;
    }
    this.syncing.delete(conversationId);
    heldBack.sort((a, b) => a.message.seq - b.message.seq);
    for (const [index, event] of heldBack.entries()) {
      if (this.seqs.classify(conversationId, event.message.seq) === "gap") {
        // Still a hole (sent after the server read its page): ask again from the new position.
        this.startSync(conversationId, heldBack.slice(index));
        return;
      }
      this.deliverUnlessSeen(event);
    }
  }

  private startSync(conversationId: string, heldBack: MessageCreatedEvent[]): void {
    // A sync that could not be sent must not count as in flight: resyncAll skips
    // conversations already syncing, so it would wait forever for an answer that
    // never comes (seen when a gap showed up before the new socket was ready).
    // What was held back is refetched by the next sync, which starts at the last delivered seq.
    if (this.output.requestSync(conversationId, this.seqs.lastSeq(conversationId) ?? 0)) this.syncing.set(conversationId, heldBack);
    else this.syncing.delete(conversationId);
  }

  private deliverUnlessSeen(event: MessageCreatedEvent): void {
    if (this.seqs.classify(event.conversationId, event.message.seq) === "duplicate") return;
    this.seqs.advance(event.conversationId, event.message.seq);
    this.output.deliver(event);
  }
}
