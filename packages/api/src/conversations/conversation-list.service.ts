/** The caller's conversations with unread and mention counts (sidebar, REST list). */
import { z } from "zod";
import { DomainError } from "../errors.ts";
import type { ServicePorts } from "../ports.ts";
import { requireActiveMembership } from "../memberships/memberships.service.ts";
import { selectConversationsForUser, type ConversationListCursor, type ConversationListRow } from "./conversation-list.repository.ts";
import { selectMemberPreviews } from "./conversations.repository.ts";
import {
  listConversationsInputSchema,
  type ConversationPage,
  type ConversationSummary,
  type ListConversationsInput,
  type MemberPreview,
} from "./conversations.schema.ts";
import { conversationTitle, toMemberPreview } from "./conversations.service.ts";
import type { Actor } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { countToNumber, seqToNumber, toIso, toIsoOrNull } from "../core/wire.ts";

export async function listConversations(ports: ServicePorts, actor: Actor, rawInput: ListConversationsInput): Promise<ConversationPage> {
  const input = parseInput(listConversationsInputSchema, rawInput);
  await requireActiveMembership(ports.db, input.workspaceId, actor.userId);
  const after = input.cursor ? decodeConversationCursor(input.cursor) : null;
  const rows = await selectConversationsForUser(ports.db, {
    workspaceId: input.workspaceId,
    userId: actor.userId,
    after,
    limit: input.limit + 1,
  });
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit);

  const directIds = page.filter((row) => row.kind === "dm" || row.kind === "group_dm").map((row) => row.id);
  const previews = await selectMemberPreviews(ports.db, directIds, 10);
  const membersByConversation = new Map<string, MemberPreview[]>();
  for (const preview of previews) {
    const list = membersByConversation.get(preview.conversationId) ?? [];
    list.push(toMemberPreview(preview));
    membersByConversation.set(preview.conversationId, list);
  }

  const now = ports.clock.now();
  const conversations = page.map((row) => toSummary(row, membersByConversation.get(row.id) ?? [], actor.userId, now));
  const last = page[page.length - 1];
  return {
    conversations,
    hasMore,
    nextCursor: hasMore && last ? encodeConversationCursor({ activityAt: last.activityAt, id: last.id }) : null,
  };
}

function toSummary(row: ConversationListRow, members: MemberPreview[], viewerId: string, now: Date): ConversationSummary {
  const lastSeq = seqToNumber(row.lastSeq);
  const lastReadSeq = Math.min(seqToNumber(row.lastReadSeq), lastSeq);
  const isDeleted = row.lastMessageDeletedAt !== null;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    title: conversationTitle(row.kind, row.name, members, viewerId),
    name: row.name,
    topic: row.topic,
    isArchived: row.archivedAt !== null,
    lastSeq,
    lastReadSeq,
    unreadCount: lastSeq - lastReadSeq,
    mentionCount: countToNumber(row.mentionCount),
    lastMessageAt: toIsoOrNull(row.lastMessageAt),
    lastMessage:
      row.lastMessageId !== null && row.lastMessageSeq !== null && row.lastMessageCreatedAt !== null
        ? {
            id: row.lastMessageId.toString(),
            seq: seqToNumber(row.lastMessageSeq),
            senderId: row.lastMessageSenderId,
            senderName: row.lastMessageSenderName,
            bodyPreview: isDeleted ? "" : (row.lastMessageBody ?? ""),
            isDeleted,
            createdAt: toIso(row.lastMessageCreatedAt),
          }
        : null,
    dmMembers: row.kind === "dm" || row.kind === "group_dm" ? members.filter((member) => member.id !== viewerId) : [],
    notificationLevel: row.notificationLevel,
    isMuted: row.mutedUntil !== null && row.mutedUntil > now,
  };
}

const cursorPayloadSchema = z.strictObject({ a: z.iso.datetime(), i: z.guid() });

/** Opaque to clients: base64url of the last row's sort key. */
export function encodeConversationCursor(cursor: ConversationListCursor): string {
  return Buffer.from(JSON.stringify({ a: cursor.activityAt.toISOString(), i: cursor.id })).toString("base64url");
}

export function decodeConversationCursor(cursor: string): ConversationListCursor {
  try {
    const parsed = cursorPayloadSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { activityAt: new Date(parsed.a), id: parsed.i };
  } catch {
    throw new DomainError("INVALID", "That cursor is malformed. Start again without one.");
  }
}
