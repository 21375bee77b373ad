/** Creating, finding and describing conversations. Membership changes live in channel-membership.service.ts. */
import { DomainError } from "../errors.ts";
import { enqueueOutboxEvents } from "../bus/outbox-events.ts";
import { publishCommitted } from "../bus/outbox.ts";
import type { ServicePorts } from "../ports.ts";
import { activeMembersAmong, requireActiveMembership } from "../memberships/memberships.service.ts";
import { isWorkspaceAdmin, requireReader } from "./conversation-access.ts";
import { conversationAdded } from "./conversations.events.ts";
import {
  findConversationHeader,
  findConversationIdByName,
  insertConversation,
  insertOwnedPublicChannels,
  selectChannelDirectory,
  selectConversationMembers,
  selectMemberPreviews,
  type MemberPreviewRow,
} from "./conversations.repository.ts";
import {
  browseChannelsInputSchema,
  conversationIdInputSchema,
  createChannelInputSchema,
  listMembersInputSchema,
  type BrowseChannelsInput,
  type ChannelDirectoryEntry,
  type ConversationDetail,
  type ConversationIdInput,
  type ConversationMembers,
  type CreateChannelInput,
  type ListMembersInput,
  type MemberPreview,
} from "./conversations.schema.ts";
import { isUniqueViolation, runInTransaction, type Actor, type Db } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { countToNumber, seqToNumber, toIso } from "../core/wire.ts";

const MEMBERS_PREVIEW_SIZE = 10;

export async function createChannel(ports: ServicePorts, actor: Actor, rawInput: CreateChannelInput): Promise<ConversationDetail> {
  const input = parseInput(createChannelInputSchema, rawInput);
  const { role } = await requireActiveMembership(ports.db, input.workspaceId, actor.userId);
  if (role === "guest") throw new DomainError("FORBIDDEN", "Guests can't create channels.");

  const otherIds = [...new Set(input.memberIds ?? [])].filter((id) => id !== actor.userId);
  const activeIds = await activeMembersAmong(ports.db, input.workspaceId, otherIds);
  if (activeIds.size !== otherIds.length) {
    throw new DomainError("INVALID", "Some of those people are not active members of this workspace.");
  }
  const conflict = () =>
    new DomainError("CONFLICT", `A channel named #${input.name} already exists in this workspace. Pick another name.`, {
      name: "That name is taken",
    });
  if (await findConversationIdByName(ports.db, input.workspaceId, input.name)) throw conflict();

  const { conversationId, outbox } = await runInTransaction(ports.db, async (tx) => {
    const created = await insertConversation(tx, {
      workspaceId: input.workspaceId,
      kind: input.isPrivate ? "private_channel" : "channel",
      name: input.name,
      topic: input.topic ?? "",
      purpose: input.purpose ?? "",
      createdById: actor.userId,
      dmKey: null,
      createdAt: ports.clock.now(),
      participants: [{ userId: actor.userId, role: "owner" }, ...otherIds.map((userId) => ({ userId, role: "member" as const }))],
    });
    const entries = await enqueueOutboxEvents(tx, conversationAdded(created.id, [actor.userId, ...otherIds]));
    return { conversationId: created.id, outbox: entries };
  }).catch((error: unknown) => {
    // Two people creating the same name at once: the unique index decides.
    throw isUniqueViolation(error) ? conflict() : error;
  });
  await publishCommitted(ports, outbox);
  return getConversation(ports, actor, { conversationId });
}

/** The header of a conversation: who is in it and what the caller may do. */
export async function getConversation(ports: ServicePorts, actor: Actor, rawInput: ConversationIdInput): Promise<ConversationDetail> {
  const input = parseInput(conversationIdInputSchema, rawInput);
  const access = await requireReader(ports.db, input.conversationId, actor.userId);
  const header = await findConversationHeader(ports.db, input.conversationId);
  if (!header) throw new DomainError("NOT_FOUND", "That conversation does not exist or you do not have access to it.");
  const previews = await selectMemberPreviews(ports.db, [header.id], MEMBERS_PREVIEW_SIZE);
  const members = previews.map(toMemberPreview);
  const isChannel = header.kind === "channel" || header.kind === "private_channel";
  const isArchived = header.archivedAt !== null;
  return {
    id: header.id,
    workspaceId: header.workspaceId,
    kind: header.kind,
    title: conversationTitle(header.kind, header.name, members, actor.userId),
    name: header.name,
    topic: header.topic,
    purpose: header.purpose,
    isArchived,
    createdById: header.createdById,
    createdAt: toIso(header.createdAt),
    memberCount: countToNumber(header.memberCount),
    membersPreview: members,
    isMember: access.participant !== null,
    lastSeq: seqToNumber(header.lastSeq),
    lastReadSeq: access.participant ? seqToNumber(access.participant.lastReadSeq) : 0,
    canPost: access.participant !== null && !isArchived,
    canManage: isChannel && (isWorkspaceAdmin(access.workspaceRole) || header.createdById === actor.userId),
  };
}

/** Everyone in a conversation, by name; whoever may read it may see who is in it (the read rule of access-rule.sql.ts). */
export async function listConversationMembers(ports: ServicePorts, actor: Actor, rawInput: ListMembersInput): Promise<ConversationMembers> {
  const input = parseInput(listMembersInputSchema, rawInput);
  await requireReader(ports.db, input.conversationId, actor.userId);
  const rows = await selectConversationMembers(ports.db, input.conversationId, input.limit + 1);
  return {
    members: rows.slice(0, input.limit).map((row) => ({
      id: row.id,
      name: row.name,
      image: row.image,
      role: row.role,
      isWorkspaceAdmin: row.workspaceRole !== null && isWorkspaceAdmin(row.workspaceRole),
    })),
    hasMore: rows.length > input.limit,
  };
}

/** The channel browser: public channels (and private ones the caller is in), with membership and size. */
export async function browseChannels(ports: ServicePorts, actor: Actor, rawInput: BrowseChannelsInput): Promise<ChannelDirectoryEntry[]> {
  const input = parseInput(browseChannelsInputSchema, rawInput);
  const { role } = await requireActiveMembership(ports.db, input.workspaceId, actor.userId);
  const query = input.query?.trim().toLowerCase();
  const rows = await selectChannelDirectory(ports.db, {
    workspaceId: input.workspaceId,
    viewerId: actor.userId,
    nameContains: query ? query.replace(/^#/, "") : undefined,
    includeArchived: input.includeArchived,
    // Guests see only channels they were added to.
    includePublic: role !== "guest",
    limit: input.limit,
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    topic: row.topic,
    purpose: row.purpose,
    isArchived: row.archivedAt !== null,
    isMember: row.isMember,
    memberCount: countToNumber(row.memberCount),
    createdAt: toIso(row.createdAt),
  }));
}

export function toMemberPreview(row: MemberPreviewRow): MemberPreview {
  return { id: row.id, name: row.name, image: row.image };
}

/** What a sidebar or header shows: "#name" without the '#', or the other people's names for DMs. */
export function conversationTitle(kind: string, name: string | null, members: readonly MemberPreview[], viewerId: string): string {
  if (name) return name;
  const others = members.filter((member) => member.id !== viewerId);
  if (kind === "dm" && others.length === 0) return members[0]?.name ?? "Just you";
  return others.map((member) => member.name).join(", ") || "Direct message";
}

/** The first channels of a new workspace, owned by its creator (inside the caller's transaction; which ones is workspaces.service.ts's rule). */
export async function createOwnedPublicChannels(
  db: Db,
  options: { workspaceId: string; ownerId: string; channels: readonly { name: string; topic: string }[] },
): Promise<void> {
  await insertOwnedPublicChannels(db, options);
}
