import type { MessageView } from "../events.ts";

/**
 * A committed message as the server sends it, for tests of what clients do
 * with messages: id 1000+seq, body "message <seq>", posted `seq` seconds after
 * 2026-01-01T00:00Z by an unnamed sender, unless `change` says otherwise.
 */
export function messageViewAt(conversationId: string, seq: number, change: Partial<MessageView> = {}): MessageView {
  return {
    id: String(1000 + seq),
    conversationId,
    seq,
    senderId: null,
    senderName: "Ana",
    threadRootId: null,
    kind: "user",
    body: `message ${seq}`,
    isDeleted: false,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    editedAt: null,
    replyCount: 0,
    ...change,
  };
}
