/**
 * The one access check for conversations, used by every read and write in
 * conversations/, messages/, reads/ and by the realtime server (subscribe and
 * fan-out). Rules:
 *
 * - The caller must be an active (not deactivated) member of the
 *   conversation's workspace. Otherwise NOT_FOUND: an outsider learns nothing.
 * - Private channels, DMs and group DMs: only participants. A non-participant
 *   gets NOT_FOUND, never FORBIDDEN, so a private channel's existence is not
 *   revealed to someone who guesses or learns its id.
 * - Public channels: any active non-guest workspace member may READ (history,
 *   header) without joining, as Slack lets people preview a channel before
 *   joining (`requireReader`). WRITING (send, mark read, set topic, invite…)
 *   needs a participant row (`requireParticipant`); a non-participant gets
 *   FORBIDDEN with "join first", since the channel is visible to them anyway.
 * - Guests only ever see conversations they were added to.
 */
import type { ConversationKind, ParticipantRole, WorkspaceRole } from "@parley/db/client";
import { entityIdSchema } from "@parley/protocol/events";
import { DomainError } from "../errors.ts";
import type { Db } from "../core/database.ts";
import { findConversationForViewer, findMembership, type ConversationViewerRow } from "./conversations.repository.ts";

export interface AccessibleConversation {
  id: string;
  workspaceId: string;
  kind: ConversationKind;
  name: string | null;
  createdById: string | null;
  archivedAt: Date | null;
  lastSeq: bigint;
}

export interface ConversationAccess {
  conversation: AccessibleConversation;
  workspaceRole: WorkspaceRole;
  /** Null when a workspace member previews a public channel without having joined. */
  participant: { role: ParticipantRole; lastReadSeq: bigint } | null;
}

export interface ParticipantAccess extends ConversationAccess {
  participant: { role: ParticipantRole; lastReadSeq: bigint };
}

const notFound = () => new DomainError("NOT_FOUND", "That conversation does not exist or you do not have access to it.");

export function isPublicChannel(kind: ConversationKind): boolean {
  return kind === "channel";
}

export function isWorkspaceAdmin(role: WorkspaceRole): boolean {
  return role === "owner" || role === "admin";
}

/**
 * The rules above applied to a loaded row (read access); throws NOT_FOUND.
 * Exported for the send path, which loads the same row under a lock.
 */
export function evaluateReadAccess(row: ConversationViewerRow | null): ConversationAccess {
  if (!row || !row.workspaceRole || row.deactivatedAt) throw notFound();
  const participant = row.participantRole ? { role: row.participantRole, lastReadSeq: row.lastReadSeq ?? 0n } : null;
  if (!participant) {
    const mayPreview = isPublicChannel(row.kind) && row.workspaceRole !== "guest";
    if (!mayPreview) throw notFound();
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

/** Write access on top of read access: the caller must have joined (or been added). */
export function evaluateParticipantAccess(row: ConversationViewerRow | null): ParticipantAccess {
  const access = evaluateReadAccess(row);
  if (!access.participant) {
    throw new DomainError("FORBIDDEN", `Join #${access.conversation.name ?? "this channel"} to do that.`);
  }
  return access as ParticipantAccess;
}

/** Read access: participants, plus non-guest members previewing a public channel. */
export async function requireReader(db: Db, conversationId: string, userId: string): Promise<ConversationAccess> {
  if (!entityIdSchema.safeParse(conversationId).success) throw notFound();
  return evaluateReadAccess(await findConversationForViewer(db, conversationId, userId));
}

/** Write access: the caller must have joined (or been added to) the conversation. */
export async function requireParticipant(db: Db, conversationId: string, userId: string): Promise<ParticipantAccess> {
  if (!entityIdSchema.safeParse(conversationId).success) throw notFound();
  return evaluateParticipantAccess(await findConversationForViewer(db, conversationId, userId));
}

/** For fan-out checks that must not throw (realtime delivery). */
export async function canReadConversation(db: Db, conversationId: string, userId: string): Promise<boolean> {
  try {
    await requireReader(db, conversationId, userId);
    return true;
  } catch (error) {
    if (error instanceof DomainError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) return false;
    throw error;
  }
}

/** The caller must be an active member of the workspace; outsiders get NOT_FOUND. */
export async function requireActiveMembership(db: Db, workspaceId: string, userId: string): Promise<{ role: WorkspaceRole }> {
  if (!entityIdSchema.safeParse(workspaceId).success) throw workspaceNotFound();
  const membership = await findMembership(db, workspaceId, userId);
  if (!membership || membership.deactivatedAt) throw workspaceNotFound();
  return { role: membership.role };
}

const workspaceNotFound = () => new DomainError("NOT_FOUND", "That workspace does not exist or you are not a member of it.");
