/**
 * The access checks services call before reading or changing a conversation:
 * each loads the viewer row in one round trip and applies the one rule of
 * access-rule.sql.ts to it (the statements that read and check in one go,
 * history, sync and send, apply the same rule to the row they read).
 */
import type { WorkspaceRole } from "@parley/db/client";
import { entityIdSchema } from "@parley/protocol/events";
import type { Db } from "../core/database.ts";
import { conversationNotFound, evaluateParticipantAccess, evaluateReadAccess, type ConversationAccess, type ParticipantAccess } from "./access-rule.sql.ts";
import { findConversationForViewer } from "./conversations.repository.ts";

export function isWorkspaceAdmin(role: WorkspaceRole): boolean {
  return role === "owner" || role === "admin";
}

/** Read access: participants, plus non-guest members previewing a public channel. */
export async function requireReader(db: Db, conversationId: string, userId: string): Promise<ConversationAccess> {
  if (!entityIdSchema.safeParse(conversationId).success) throw conversationNotFound();
  return evaluateReadAccess(await findConversationForViewer(db, conversationId, userId));
}

/** Write access: the caller must have joined (or been added to) the conversation. */
export async function requireParticipant(db: Db, conversationId: string, userId: string): Promise<ParticipantAccess> {
  if (!entityIdSchema.safeParse(conversationId).success) throw conversationNotFound();
  return evaluateParticipantAccess(await findConversationForViewer(db, conversationId, userId));
}
