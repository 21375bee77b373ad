/** Joining, inviting, leaving, and channel settings (topic, purpose, archive). */
import { DomainError } from "../errors.ts";
import { enqueueOutboxEvents, type OutboxEvent } from "../bus/outbox-events.ts";
import { publishCommitted } from "../bus/outbox.ts";
import type { ServicePorts } from "../ports.ts";
import type { ConversationAccess } from "./access-rule.sql.ts";
import { isWorkspaceAdmin, requireParticipant, requireReader } from "./conversation-access.ts";
import { conversationUpdated, memberLeft, membersJoined } from "./conversations.events.ts";
import { activeMembersAmong } from "../memberships/memberships.service.ts";
import { deleteParticipant, insertParticipantInChannelsNamed, insertParticipants, updateConversation } from "./conversations.repository.ts";
import {
  conversationIdInputSchema,
  inviteMembersInputSchema,
  setPurposeInputSchema,
  setTopicInputSchema,
  type ConversationIdInput,
  type InviteMembersInput,
  type SetPurposeInput,
  type SetTopicInput,
} from "./conversations.schema.ts";
import { runInTransaction, type Actor, type Db } from "../core/database.ts";
import { parseInput } from "../core/input.ts";

function isChannel(access: ConversationAccess): boolean {
  return access.conversation.kind === "channel" || access.conversation.kind === "private_channel";
}

function refuseIfArchived(access: ConversationAccess): void {
  if (access.conversation.archivedAt) {
    throw new DomainError("FORBIDDEN", "This channel is archived. Unarchive it first.");
  }
}

/** Runs `change` in a transaction that also records its events, then publishes them. */
async function commitWithEvents<T>(ports: ServicePorts, change: (tx: Db) => Promise<{ result: T; events: OutboxEvent[] }>): Promise<T> {
  const { result, outbox } = await runInTransaction(ports.db, async (tx) => {
    const { result: value, events } = await change(tx);
    return { result: value, outbox: await enqueueOutboxEvents(tx, events) };
  });
  await publishCommitted(ports, outbox);
  return result;
}

/** Join a public channel. Idempotent: joining twice changes nothing and announces nothing. */
export async function joinChannel(ports: ServicePorts, actor: Actor, rawInput: ConversationIdInput): Promise<{ isNewMember: boolean }> {
  const input = parseInput(conversationIdInputSchema, rawInput);
  const access = await requireReader(ports.db, input.conversationId, actor.userId);
  if (access.participant) return { isNewMember: false };
  // requireReader lets non-participants through only for public channels.
  refuseIfArchived(access);
  return commitWithEvents(ports, async (tx) => {
    const added = await insertParticipants(tx, input.conversationId, [actor.userId]);
    return { result: { isNewMember: added.length > 0 }, events: membersJoined(input.conversationId, added) };
  });
}

/** Add people to a channel. The inviter must be in it; invitees must be active workspace members. */
export async function inviteMembers(ports: ServicePorts, actor: Actor, rawInput: InviteMembersInput): Promise<{ addedUserIds: string[] }> {
  const input = parseInput(inviteMembersInputSchema, rawInput);
  const access = await requireParticipant(ports.db, input.conversationId, actor.userId);
  if (!isChannel(access)) {
    throw new DomainError("INVALID", "People can't be added to a direct message. Start a new group message instead.");
  }
  refuseIfArchived(access);
  if (access.workspaceRole === "guest") throw new DomainError("FORBIDDEN", "Guests can't add people to channels.");
  const userIds = [...new Set(input.userIds)];
  const activeIds = await activeMembersAmong(ports.db, access.conversation.workspaceId, userIds);
  if (activeIds.size !== userIds.length) {
    throw new DomainError("INVALID", "Some of those people are not active members of this workspace.");
  }
  return commitWithEvents(ports, async (tx) => {
    const added = await insertParticipants(tx, input.conversationId, userIds);
    return { result: { addedUserIds: added }, events: membersJoined(input.conversationId, added) };
  });
}

/** Leave a channel. DMs can't be left (there is nothing to leave to); they can be hidden by the client. */
export async function leaveConversation(ports: ServicePorts, actor: Actor, rawInput: ConversationIdInput): Promise<{ hasLeft: boolean }> {
  const input = parseInput(conversationIdInputSchema, rawInput);
  const access = await requireParticipant(ports.db, input.conversationId, actor.userId);
  if (!isChannel(access)) throw new DomainError("INVALID", "You can't leave a direct message.");
  return commitWithEvents(ports, async (tx) => {
    const removed = await deleteParticipant(tx, input.conversationId, actor.userId);
    return { result: { hasLeft: removed }, events: removed ? memberLeft(input.conversationId, actor.userId) : [] };
  });
}

export async function setTopic(ports: ServicePorts, actor: Actor, rawInput: SetTopicInput): Promise<{ topic: string }> {
  const input = parseInput(setTopicInputSchema, rawInput);
  const access = await requireParticipant(ports.db, input.conversationId, actor.userId);
  refuseIfArchived(access);
  return commitWithEvents(ports, async (tx) => {
    await updateConversation(tx, input.conversationId, { topic: input.topic });
    return { result: { topic: input.topic }, events: [conversationUpdated(input.conversationId, { topic: input.topic })] };
  });
}

export async function setPurpose(ports: ServicePorts, actor: Actor, rawInput: SetPurposeInput): Promise<{ purpose: string }> {
  const input = parseInput(setPurposeInputSchema, rawInput);
  const access = await requireParticipant(ports.db, input.conversationId, actor.userId);
  refuseIfArchived(access);
  return commitWithEvents(ports, async (tx) => {
    await updateConversation(tx, input.conversationId, { purpose: input.purpose });
    return { result: { purpose: input.purpose }, events: [conversationUpdated(input.conversationId, { purpose: input.purpose })] };
  });
}

/** Workspace admins/owners and the channel's creator may archive; archived channels refuse posts. */
export async function archiveChannel(ports: ServicePorts, actor: Actor, rawInput: ConversationIdInput): Promise<{ isArchived: boolean }> {
  return setArchived(ports, actor, rawInput, true);
}

export async function unarchiveChannel(ports: ServicePorts, actor: Actor, rawInput: ConversationIdInput): Promise<{ isArchived: boolean }> {
  return setArchived(ports, actor, rawInput, false);
}

async function setArchived(ports: ServicePorts, actor: Actor, rawInput: ConversationIdInput, isArchived: boolean): Promise<{ isArchived: boolean }> {
  const input = parseInput(conversationIdInputSchema, rawInput);
  const access = await requireReader(ports.db, input.conversationId, actor.userId);
  if (!isChannel(access)) throw new DomainError("INVALID", "Only channels can be archived.");
  const mayManage = isWorkspaceAdmin(access.workspaceRole) || access.conversation.createdById === actor.userId;
  if (!mayManage) throw new DomainError("FORBIDDEN", "Only workspace admins and the channel's creator can archive or unarchive it.");
  if ((access.conversation.archivedAt !== null) === isArchived) return { isArchived };
  return commitWithEvents(ports, async (tx) => {
    await updateConversation(tx, input.conversationId, { archivedAt: isArchived ? ports.clock.now() : null });
    return { result: { isArchived }, events: [conversationUpdated(input.conversationId, { isArchived })] };
  });
}

/**
 * A new member joins the workspace's public channels of these names (inside
 * the caller's transaction; who joins which channels is decided by
 * workspaces.service.ts). Nobody is told: the member has no socket yet, and
 * the channels' lists show them on the next read.
 */
export async function joinChannelsNamed(db: Db, options: { workspaceId: string; userId: string; names: readonly string[] }): Promise<void> {
  await insertParticipantInChannelsNamed(db, options);
}
