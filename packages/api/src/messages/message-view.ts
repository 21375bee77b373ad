import type { MessageView } from "@parley/protocol/events";
import { countToNumber, seqToNumber, toIso, toIsoOrNull } from "../core/wire.ts";
import type { MessageRow } from "./messages.repository.ts";

/** A stored row as clients see it: ids as strings, tombstones without text. */
export function toMessageView(row: MessageRow): MessageView {
  const isDeleted = row.deletedAt !== null;
  return {
    id: row.id.toString(),
    conversationId: row.conversationId,
    seq: seqToNumber(row.seq),
    senderId: row.senderId,
    senderName: row.senderName,
    threadRootId: row.threadRootId === null ? null : row.threadRootId.toString(),
    kind: row.kind,
    body: isDeleted ? "" : row.body,
    isDeleted,
    createdAt: toIso(row.createdAt),
    editedAt: isDeleted ? null : toIsoOrNull(row.editedAt),
    replyCount: countToNumber(row.replyCount),
  };
}
