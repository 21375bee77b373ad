/**
 * Who may see and change a conversation, written once: every statement that
 * decides access uses the SQL predicates below, and every service picks its
 * error from the same row with the TypeScript evaluation beside them.
 *
 * - The caller must be an active (not deactivated) member of the
 *   conversation's workspace. Otherwise NOT_FOUND: an outsider learns nothing.
 * - Taking part (sending, marking read, following the conversation on a
 *   socket, syncing it, receiving its events) needs a participant row as well.
 * - Reading (history, header) is allowed to participants and, on a public
 *   channel, to any active member who is not a guest: people preview a
 *   channel before joining, as in Slack. Guests only ever see what they were
 *   added to.
 * - A non-participant of a private channel, DM or group DM gets NOT_FOUND,
 *   never FORBIDDEN, so its existence is not revealed to someone who guesses
 *   or learns its id; a previewer of a public channel who tries to take part
 *   gets FORBIDDEN ("join first"), since the channel is visible to them anyway.
 *
 * The persona test (access-paths.int.test.ts) holds every path (tRPC, REST,
 * socket subscribe, fan-out, sync, history, send) to the same answers.
 */
import { Prisma, type ConversationKind, type ParticipantRole, type WorkspaceRole } from "@parley/db/client";
import { DomainError } from "../errors.ts";

/** The conversation with the viewer's workspace membership and participation: what the rule reads. */
export interface ConversationViewerRow {
  id: string;
  workspaceId: string;
  kind: ConversationKind;
  name: string | null;
  createdById: string | null;
  archivedAt: Date | null;
  lastSeq: bigint;
  workspaceRole: WorkspaceRole | null;
  deactivatedAt: Date | null;
  participantRole: ParticipantRole | null;
  lastReadSeq: bigint | null;
  viewerName: string | null;
}

// ---------- SQL ----------

/** The rule's inputs as SQL expressions of the statement using it (text-typed kind and role, as the viewer row has them). */
export interface ParticipationColumns {
  workspaceRole: Prisma.Sql;
  deactivatedAt: Prisma.Sql;
  participantRole: Prisma.Sql;
}

export interface AccessColumns extends ParticipationColumns {
  kind: Prisma.Sql;
}

/** The rule's inputs in a viewer row (conversationViewerSelect, or a row with the same column names) under `alias`. */
export function viewerRowColumns(alias: string): AccessColumns {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return { kind: column("kind"), workspaceRole: column("workspaceRole"), deactivatedAt: column("deactivatedAt"), participantRole: column("participantRole") };
}

function isActiveMemberSql(row: ParticipationColumns): Prisma.Sql {
  return Prisma.sql`(${row.workspaceRole} IS NOT NULL AND ${row.deactivatedAt} IS NULL)`;
}

/** SQL: the viewer takes part (active member and participant): may write, sync, follow and receive. */
export function takesPartSql(row: ParticipationColumns): Prisma.Sql {
  return Prisma.sql`(${isActiveMemberSql(row)} AND ${row.participantRole} IS NOT NULL)`;
}

/** SQL: the viewer may read: takes part, or previews a public channel as an active member who is not a guest. */
export function mayReadSql(row: AccessColumns): Prisma.Sql {
  return Prisma.sql`(${isActiveMemberSql(row)} AND (${row.participantRole} IS NOT NULL OR (${row.kind} = 'channel' AND ${row.workspaceRole} <> 'guest')))`;
}

/**
 * The SELECT of the conversation plus the viewer's workspace membership and
 * participation (ConversationViewerRow columns). The ids are SQL: bound
 * values for one viewer, columns of each request where a batched statement
 * runs it per row (wrap it in LATERAL (…) LIMIT 1 there, so the generic plan
 * cannot flatten it into hash joins over whole tables).
 */
export function conversationViewerSelect(conversationId: Prisma.Sql, userId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT c."id", c."workspaceId", c."kind"::text AS "kind", c."name", c."createdById", c."archivedAt", c."lastSeq",
           m."role"::text AS "workspaceRole", m."deactivatedAt",
           p."role"::text AS "participantRole", p."lastReadSeq", u."name" AS "viewerName"
    FROM "Conversation" c
    LEFT JOIN "Membership" m ON m."workspaceId" = c."workspaceId" AND m."userId" = ${userId}
    LEFT JOIN "Participant" p ON p."conversationId" = c."id" AND p."userId" = ${userId}
    LEFT JOIN "User" u ON u."id" = m."userId"
    WHERE c."id" = ${conversationId}`;
}

/**
 * For statements that start from Participant rows (socket access, fan-out):
 * the join and the condition that keep the rows of `participant` (an alias of
 * "Participant") whose user takes part. The join finds the user's membership
 * of the conversation's workspace as LATERAL … LIMIT 1, so the planner cannot
 * turn it into a join driven by the workspace's whole Membership table, which
 * it did whenever statistics were missing or stale (right after a bulk import
 * or seeding): 10,000 index probes for a 50-member check, 15 ms instead of 0.6.
 */
export function participantTakesPart(participant: string): { join: Prisma.Sql; condition: Prisma.Sql } {
  const membership = `${participant}_membership`;
  const column = (alias: string, name: string) => Prisma.raw(`${alias}."${name}"`);
  return {
    join: Prisma.sql`
      CROSS JOIN LATERAL (
        SELECT ms."role"::text AS "workspaceRole", ms."deactivatedAt"
        FROM "Conversation" c
        JOIN "Membership" ms ON ms."workspaceId" = c."workspaceId" AND ms."userId" = ${column(participant, "userId")}
        WHERE c."id" = ${column(participant, "conversationId")}
        LIMIT 1
      ) ${Prisma.raw(membership)}`,
    condition: takesPartSql({
      workspaceRole: column(membership, "workspaceRole"),
      deactivatedAt: column(membership, "deactivatedAt"),
      participantRole: column(participant, "role"),
    }),
  };
}

// ---------- the same rule in TypeScript, to pick the error ----------

/** The conversation part of the viewer row. */
export type AccessibleConversation = Pick<ConversationViewerRow, "id" | "workspaceId" | "kind" | "name" | "createdById" | "archivedAt" | "lastSeq">;

export interface ConversationAccess {
  conversation: AccessibleConversation;
  workspaceRole: WorkspaceRole;
  /** Null when a workspace member previews a public channel without having joined. */
  participant: { role: ParticipantRole; lastReadSeq: bigint } | null;
}

export interface ParticipantAccess extends ConversationAccess {
  participant: { role: ParticipantRole; lastReadSeq: bigint };
}

export const conversationNotFound = () => new DomainError("NOT_FOUND", "That conversation does not exist or you do not have access to it.");

export function isPublicChannel(kind: ConversationKind): boolean {
  return kind === "channel";
}

/** mayReadSql on a loaded row; throws NOT_FOUND where it is false. */
export function evaluateReadAccess(row: ConversationViewerRow | null): ConversationAccess {
  if (!row || !row.workspaceRole || row.deactivatedAt) throw conversationNotFound();
  const participant = row.participantRole ? { role: row.participantRole, lastReadSeq: row.lastReadSeq ?? 0n } : null;
  if (!participant) {
    const mayPreview = isPublicChannel(row.kind) && row.workspaceRole !== "guest";
    if (!mayPreview) throw conversationNotFound();
  }
  return {
    conversation: {
      id: row.id,
      workspaceId: row.workspaceId,
      kind: row.kind,
      name: row.name,
      createdById: row.createdById,
      archivedAt: row.archivedAt,
      lastSeq: row.lastSeq,
    },
    workspaceRole: row.workspaceRole,
    participant,
  };
}

/** takesPartSql on a loaded row: NOT_FOUND where the row is unreadable, FORBIDDEN ("join first") for a previewer. */
export function evaluateParticipantAccess(row: ConversationViewerRow | null): ParticipantAccess {
  const access = evaluateReadAccess(row);
  if (!access.participant) {
    throw new DomainError("FORBIDDEN", `Join #${access.conversation.name ?? "this channel"} to do that.`);
  }
  return access as ParticipantAccess;
}
