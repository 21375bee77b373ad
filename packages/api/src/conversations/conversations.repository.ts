/** With the access rule's fragments (access-rule.sql.ts), the only file of conversations/ that touches SQL. */
import { queryRows } from "@parley/db/pooled-rows";
import { Prisma, type ConversationKind, type ParticipantRole, type WorkspaceRole } from "@parley/db/client";
import type { Db } from "../core/database.ts";
import { conversationViewerSelect, type ConversationViewerRow } from "./access-rule.sql.ts";

/** The conversation plus the viewer's workspace membership and participation, in one round trip. */
export async function findConversationForViewer(db: Db, conversationId: string, userId: string): Promise<ConversationViewerRow | null> {
  const rows = await queryRows<ConversationViewerRow>(db, conversationViewerSelect(Prisma.sql`${conversationId}::uuid`, Prisma.sql`${userId}::uuid`));
  return rows[0] ?? null;
}

export interface NewConversation {
  workspaceId: string;
  kind: ConversationKind;
  name: string | null;
  topic: string;
  purpose: string;
  createdById: string;
  dmKey: string | null;
  createdAt: Date;
  participants: { userId: string; role: ParticipantRole }[];
}

export async function insertConversation(db: Db, conversation: NewConversation): Promise<{ id: string }> {
  return db.conversation.create({
    data: {
      workspaceId: conversation.workspaceId,
      kind: conversation.kind,
      name: conversation.name,
      topic: conversation.topic,
      purpose: conversation.purpose,
      createdById: conversation.createdById,
      dmKey: conversation.dmKey,
      createdAt: conversation.createdAt,
      participants: { create: conversation.participants.map((participant) => ({ ...participant, joinedAt: conversation.createdAt })) },
    },
    select: { id: true },
  });
}

export async function findConversationIdByName(db: Db, workspaceId: string, name: string): Promise<string | null> {
  const row = await db.conversation.findFirst({ where: { workspaceId, name }, select: { id: true } });
  return row?.id ?? null;
}

export async function findConversationIdByDmKey(db: Db, workspaceId: string, dmKey: string): Promise<string | null> {
  const row = await db.conversation.findUnique({ where: { workspaceId_dmKey: { workspaceId, dmKey } }, select: { id: true } });
  return row?.id ?? null;
}

/** Public channels of a new workspace, each with `ownerId` as its one participant (owner). */
export async function insertOwnedPublicChannels(
  db: Db,
  options: { workspaceId: string; ownerId: string; channels: readonly { name: string; topic: string }[] },
): Promise<void> {
  for (const channel of options.channels) {
    await db.conversation.create({
      data: {
        workspaceId: options.workspaceId,
        kind: "channel",
        name: channel.name,
        topic: channel.topic,
        createdById: options.ownerId,
        participants: { create: { userId: options.ownerId, role: "owner" } },
      },
      select: { id: true },
    });
  }
}

/**
 * Joins the user to the workspace's public, unarchived channels with these
 * names, with history before their arrival counted as read (no "300 unread"
 * on day one); channels they are already in are skipped.
 */
export async function insertParticipantInChannelsNamed(db: Db, options: { workspaceId: string; userId: string; names: readonly string[] }): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Participant" ("conversationId", "userId", "role", "lastReadSeq")
    SELECT "id", ${options.userId}::uuid, 'member'::"ParticipantRole", "lastSeq"
    FROM "Conversation"
    WHERE "workspaceId" = ${options.workspaceId}::uuid AND "kind" = 'channel'
      AND "archivedAt" IS NULL AND "name" = ANY(${[...options.names]}::text[])
    ON CONFLICT DO NOTHING`;
}

/** Adds participants, skipping those already in; returns who was actually added. */
export async function insertParticipants(db: Db, conversationId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.$queryRaw<{ userId: string }[]>`
    INSERT INTO "Participant" ("conversationId", "userId", "role", "lastReadSeq")
    -- Newcomers start read up to now, as in Slack: what was said before they came is history, not unread.
    SELECT ${conversationId}::uuid, u, 'member'::"ParticipantRole", c."lastSeq"
    FROM unnest(${[...userIds]}::uuid[]) AS u, "Conversation" c WHERE c."id" = ${conversationId}::uuid
    ON CONFLICT ("conversationId", "userId") DO NOTHING
    RETURNING "userId"`;
  return rows.map((row) => row.userId);
}

export async function deleteParticipant(db: Db, conversationId: string, userId: string): Promise<boolean> {
  const result = await db.participant.deleteMany({ where: { conversationId, userId } });
  return result.count > 0;
}

export async function updateConversation(
  db: Db,
  conversationId: string,
  changes: { topic?: string; purpose?: string; archivedAt?: Date | null },
): Promise<void> {
  await db.conversation.update({ where: { id: conversationId }, data: changes, select: { id: true } });
}

export interface ChannelDirectoryRow {
  id: string;
  kind: "channel" | "private_channel";
  name: string;
  topic: string;
  purpose: string;
  archivedAt: Date | null;
  createdAt: Date;
  isMember: boolean;
  memberCount: bigint;
}

/** Public channels of the workspace plus private channels the viewer is in; by name. */
export async function selectChannelDirectory(
  db: Db,
  options: { workspaceId: string; viewerId: string; nameContains?: string; includeArchived: boolean; includePublic: boolean; limit: number },
): Promise<ChannelDirectoryRow[]> {
  const nameFilter = options.nameContains ? Prisma.sql`AND c."name" LIKE ${"%" + escapeLike(options.nameContains) + "%"}` : Prisma.empty;
  const archivedFilter = options.includeArchived ? Prisma.empty : Prisma.sql`AND c."archivedAt" IS NULL`;
  const visibility = options.includePublic
    ? Prisma.sql`(c."kind" = 'channel' OR (c."kind" = 'private_channel' AND me."userId" IS NOT NULL))`
    : Prisma.sql`(c."kind" IN ('channel', 'private_channel') AND me."userId" IS NOT NULL)`;
  return db.$queryRaw<ChannelDirectoryRow[]>`
    SELECT c."id", c."kind"::text AS "kind", c."name", c."topic", c."purpose", c."archivedAt", c."createdAt",
           (me."userId" IS NOT NULL) AS "isMember",
           (SELECT count(*) FROM "Participant" p WHERE p."conversationId" = c."id") AS "memberCount"
    FROM "Conversation" c
    LEFT JOIN "Participant" me ON me."conversationId" = c."id" AND me."userId" = ${options.viewerId}::uuid
    WHERE c."workspaceId" = ${options.workspaceId}::uuid AND ${visibility} ${archivedFilter} ${nameFilter}
    ORDER BY c."name" ASC
    LIMIT ${options.limit}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export interface ConversationHeaderRow {
  id: string;
  workspaceId: string;
  kind: ConversationKind;
  name: string | null;
  topic: string;
  purpose: string;
  archivedAt: Date | null;
  createdById: string | null;
  createdAt: Date;
  lastSeq: bigint;
  memberCount: bigint;
}

export async function findConversationHeader(db: Db, conversationId: string): Promise<ConversationHeaderRow | null> {
  const rows = await db.$queryRaw<ConversationHeaderRow[]>`
    SELECT c."id", c."workspaceId", c."kind"::text AS "kind", c."name", c."topic", c."purpose", c."archivedAt",
           c."createdById", c."createdAt", c."lastSeq",
           (SELECT count(*) FROM "Participant" p WHERE p."conversationId" = c."id") AS "memberCount"
    FROM "Conversation" c WHERE c."id" = ${conversationId}::uuid`;
  return rows[0] ?? null;
}

export interface MemberPreviewRow {
  conversationId: string;
  id: string;
  name: string;
  image: string | null;
}

/** Up to `perConversation` participants of each conversation, earliest joiners first. */
export async function selectMemberPreviews(db: Db, conversationIds: readonly string[], perConversation: number): Promise<MemberPreviewRow[]> {
  if (conversationIds.length === 0) return [];
  return db.$queryRaw<MemberPreviewRow[]>`
    SELECT ranked."conversationId", ranked."id", ranked."name", ranked."image" FROM (
      SELECT p."conversationId", u."id", u."name", u."image",
             row_number() OVER (PARTITION BY p."conversationId" ORDER BY p."joinedAt", u."id") AS rank
      FROM "Participant" p JOIN "User" u ON u."id" = p."userId"
      WHERE p."conversationId" = ANY(${[...conversationIds]}::uuid[])
    ) ranked
    WHERE ranked.rank <= ${perConversation}
    ORDER BY ranked."conversationId", ranked.rank`;
}

export interface ConversationMemberRow {
  id: string;
  name: string;
  image: string | null;
  role: ParticipantRole;
  workspaceRole: WorkspaceRole | null;
}

/** Participants by name (then id, so pages are stable), with their workspace role; `limit` rows at most. */
export async function selectConversationMembers(db: Db, conversationId: string, limit: number): Promise<ConversationMemberRow[]> {
  return db.$queryRaw<ConversationMemberRow[]>`
    SELECT u."id", u."name", u."image", p."role"::text AS "role", m."role"::text AS "workspaceRole"
    FROM "Participant" p
    JOIN "Conversation" c ON c."id" = p."conversationId"
    JOIN "User" u ON u."id" = p."userId"
    LEFT JOIN "Membership" m ON m."workspaceId" = c."workspaceId" AND m."userId" = p."userId"
    WHERE p."conversationId" = ${conversationId}::uuid
    ORDER BY lower(u."name"), u."id"
    LIMIT ${limit}`;
}
