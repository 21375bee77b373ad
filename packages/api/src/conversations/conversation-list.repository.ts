/** SQL for the caller's conversation list (the sidebar), kept apart from the write paths. */
import { Prisma, type ConversationKind, type NotificationLevel } from "@parley/db/client";
import type { Db } from "../core/database.ts";

export interface ConversationListRow {
  id: string;
  workspaceId: string;
  kind: ConversationKind;
  name: string | null;
  topic: string;
  archivedAt: Date | null;
  lastSeq: bigint;
  lastMessageAt: Date | null;
  createdAt: Date;
  /** COALESCE(lastMessageAt, createdAt): the sort key, also the cursor. */
  activityAt: Date;
  lastReadSeq: bigint;
  notificationLevel: NotificationLevel;
  mutedUntil: Date | null;
  mentionCount: bigint;
  lastMessageId: bigint | null;
  lastMessageSeq: bigint | null;
  lastMessageSenderId: string | null;
  lastMessageSenderName: string | null;
  lastMessageBody: string | null;
  lastMessageDeletedAt: Date | null;
  lastMessageCreatedAt: Date | null;
}

export interface ConversationListCursor {
  activityAt: Date;
  id: string;
}

/**
 * The viewer's conversations, most recent activity first. Mentions count
 * @-mentions of the viewer plus @channel/@here, in messages after the read
 * position, not deleted, not the viewer's own.
 */
export async function selectConversationsForUser(
  db: Db,
  options: { workspaceId: string; userId: string; after: ConversationListCursor | null; limit: number },
): Promise<ConversationListRow[]> {
  const { workspaceId, userId } = options;
  const cursorFilter = options.after
    ? Prisma.sql`AND (COALESCE(c."lastMessageAt", c."createdAt"), c."id") < (${options.after.activityAt}::timestamptz, ${options.after.id}::uuid)`
    : Prisma.empty;
  return db.$queryRaw<ConversationListRow[]>`
    SELECT c."id", c."workspaceId", c."kind"::text AS "kind", c."name", c."topic", c."archivedAt", c."lastSeq",
           c."lastMessageAt", c."createdAt", COALESCE(c."lastMessageAt", c."createdAt") AS "activityAt",
           p."lastReadSeq", p."notificationLevel"::text AS "notificationLevel", p."mutedUntil",
           (SELECT count(*) FROM "Mention" mn
              JOIN "Message" mm ON mm."conversationId" = mn."conversationId" AND mm."id" = mn."messageId"
              WHERE mn."conversationId" = c."id"
                AND (mn."userId" = ${userId}::uuid OR mn."kind" IN ('channel', 'here'))
                AND mm."seq" > p."lastReadSeq" AND mm."deletedAt" IS NULL
                AND mm."senderId" IS DISTINCT FROM ${userId}::uuid) AS "mentionCount",
           lm."id" AS "lastMessageId", lm."seq" AS "lastMessageSeq", lm."senderId" AS "lastMessageSenderId",
           lu."name" AS "lastMessageSenderName", left(lm."body", 200) AS "lastMessageBody",
           lm."deletedAt" AS "lastMessageDeletedAt", lm."createdAt" AS "lastMessageCreatedAt"
    FROM "Participant" p
    JOIN "Conversation" c ON c."id" = p."conversationId"
    LEFT JOIN LATERAL (
      SELECT m."id", m."seq", m."senderId", m."body", m."deletedAt", m."createdAt"
      FROM "Message" m WHERE m."conversationId" = c."id" ORDER BY m."seq" DESC LIMIT 1
    ) lm ON true
    LEFT JOIN "User" lu ON lu."id" = lm."senderId"
    WHERE p."userId" = ${userId}::uuid AND c."workspaceId" = ${workspaceId}::uuid ${cursorFilter}
    ORDER BY COALESCE(c."lastMessageAt", c."createdAt") DESC, c."id" DESC
    LIMIT ${options.limit}`;
}
