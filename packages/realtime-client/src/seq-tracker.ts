/**
 * The last seq this client has delivered per conversation. Seqs are gapless per
 * conversation (every message, thread replies included, takes the next one), so
 * a seq above last + 1 means something was missed and a seq at or below last
 * was already delivered.
 */
export type SeqVerdict =
  /** Exactly the next one: deliver it. */
  | "next"
  /** At or below what was delivered: drop it. */
  | "duplicate"
  /** Beyond the next one: missing messages in between; sync before delivering. */
  | "gap";

export class SeqTracker {
  private readonly lastSeqByConversation = new Map<string, number>();

  /** Starts tracking a conversation (e.g. from the history the screen loaded); never moves backwards. */
  know(conversationId: string, lastSeq: number): void {
    const current = this.lastSeqByConversation.get(conversationId);
    if (current === undefined || lastSeq > current) this.lastSeqByConversation.set(conversationId, lastSeq);
  }

  forget(conversationId: string): void {
    this.lastSeqByConversation.delete(conversationId);
  }

  lastSeq(conversationId: string): number | undefined {
    return this.lastSeqByConversation.get(conversationId);
  }

  conversations(): string[] {
    return [...this.lastSeqByConversation.keys()];
  }

  /**
   * Classifies a created message's seq. For a conversation seen for the first
   * time the client has no history to compare with, so it is accepted as the start.
   */
  classify(conversationId: string, seq: number): SeqVerdict {
    const last = this.lastSeqByConversation.get(conversationId);
    if (last === undefined) return "next";
    if (seq <= last) return "duplicate";
    return seq === last + 1 ? "next" : "gap";
  }

  /** Records a delivered seq. */
  advance(conversationId: string, seq: number): void {
    this.know(conversationId, seq);
  }
}
