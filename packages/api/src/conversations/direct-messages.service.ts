/** Opening a DM or group DM: find the existing one for exactly these people, or create it. */
import { DomainError } from "../errors.ts";
import { enqueueOutboxEvents } from "../bus/outbox-events.ts";
import { publishCommitted } from "../bus/outbox.ts";
import type { ServicePorts } from "../ports.ts";
import { activeMembersAmong, requireActiveMembership } from "../memberships/memberships.service.ts";
import { conversationAdded } from "./conversations.events.ts";
import { findConversationIdByDmKey, insertConversation } from "./conversations.repository.ts";
import { GROUP_DM_MAX_OTHERS, openDirectMessageInputSchema, type ConversationDetail, type OpenDirectMessageInput } from "./conversations.schema.ts";
import { getConversation } from "./conversations.service.ts";
import { isUniqueViolation, runInTransaction, type Actor } from "../core/database.ts";
import { parseInput } from "../core/input.ts";

/** The participants' ids, sorted: one key per set of people, so "open" finds the existing DM. */
export function directMessageKey(participantIds: readonly string[]): string {
  return [...new Set(participantIds.map((id) => id.toLowerCase()))].sort().join(",");
}

export async function openDirectMessage(ports: ServicePorts, actor: Actor, rawInput: OpenDirectMessageInput): Promise<ConversationDetail & { isNew: boolean }> {
  const input = parseInput(openDirectMessageInputSchema, rawInput);
  await requireActiveMembership(ports.db, input.workspaceId, actor.userId);
  // Postgres prints uuids in lowercase; compare and key in the same form.
  const me = actor.userId.toLowerCase();
  const others = [...new Set(input.userIds.map((id) => id.toLowerCase()))].filter((id) => id !== me);
  if (others.length > GROUP_DM_MAX_OTHERS) {
    throw new DomainError("INVALID", `A group message can include at most ${GROUP_DM_MAX_OTHERS} other people.`);
  }
  const activeIds = await activeMembersAmong(ports.db, input.workspaceId, others);
  if (activeIds.size !== others.length) {
    throw new DomainError("INVALID", "Some of those people are not active members of this workspace.");
  }

  const participantIds = [me, ...others];
  const dmKey = directMessageKey(participantIds);
  const existingId = await findConversationIdByDmKey(ports.db, input.workspaceId, dmKey);
  if (existingId) return { ...(await getConversation(ports, actor, { conversationId: existingId })), isNew: false };

  try {
    const { conversationId, outbox } = await runInTransaction(ports.db, async (tx) => {
      const created = await insertConversation(tx, {
        workspaceId: input.workspaceId,
        kind: others.length <= 1 ? "dm" : "group_dm",
        name: null,
        topic: "",
        purpose: "",
        createdById: actor.userId,
        dmKey,
        createdAt: ports.clock.now(),
        participants: participantIds.map((userId) => ({ userId, role: "member" as const })),
      });
      return { conversationId: created.id, outbox: await enqueueOutboxEvents(tx, conversationAdded(created.id, participantIds)) };
    });
    await publishCommitted(ports, outbox);
    return { ...(await getConversation(ports, actor, { conversationId })), isNew: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone opened the same conversation at the same moment: theirs won, use it.
    const winnerId = await findConversationIdByDmKey(ports.db, input.workspaceId, dmKey);
    if (!winnerId) throw error;
    return { ...(await getConversation(ports, actor, { conversationId: winnerId })), isNew: false };
  }
}
