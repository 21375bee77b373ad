/**
 * Workspaces as the signed-in person sees them: which ones they belong to, and
 * the shell of one (sidebar + headers). Every read starts from the caller's
 * active membership; an outsider gets NOT_FOUND and learns nothing.
 */
import type { Prisma, PrismaClient, WorkspaceRole } from "@parley/db/client";
import { parseInput } from "../core/input.ts";
import { runInTransaction, type Actor } from "../core/database.ts";
import { joinChannelsNamed } from "../conversations/channel-membership.service.ts";
import { createOwnedPublicChannels } from "../conversations/conversations.service.ts";
import { DomainError } from "../errors.ts";
import {
  addMembership,
  listActiveMemberships,
  requireActiveMembership,
  requireActiveMembershipBySlug,
  searchActiveMembers,
} from "../memberships/memberships.service.ts";
import { countUnreadMentionsByConversation, findUserProfile, insertWorkspaceWithFreeSlug, listParticipationsInWorkspace } from "./workspaces.repository.ts";
import {
  createWorkspaceInputSchema,
  listWorkspaceMembersInputSchema,
  workspaceSlugInputSchema,
  type ConversationSummary,
  type CreateWorkspaceInput,
  type ListWorkspaceMembersInput,
  type WorkspaceMemberEntry,
  type WorkspaceShell,
  type WorkspaceSlugInput,
  type WorkspaceSummary,
} from "./workspaces.schema.ts";

export interface WorkspacePorts {
  db: PrismaClient;
}

/** Every new workspace starts with these public channels; new members (not guests) join them. */
export const DEFAULT_CHANNELS = [
  { name: "general", topic: "Announcements and work-based matters for the whole team" },
  { name: "random", topic: "Non-work banter and water cooler conversation" },
] as const;
const DEFAULT_CHANNEL_NAMES = DEFAULT_CHANNELS.map((channel) => channel.name);

export async function listMyWorkspaces(ports: WorkspacePorts, actor: Actor): Promise<WorkspaceSummary[]> {
  const memberships = await listActiveMemberships(ports.db, actor.userId);
  return memberships.map(({ role, workspace }) => ({ ...workspace, role }));
}

/** The caller's active membership in the workspace at `slug`, or NOT_FOUND. */
export async function requireMembershipBySlug(ports: WorkspacePorts, actor: Actor, slug: string) {
  return requireActiveMembershipBySlug(ports.db, slug, actor.userId);
}

export async function getWorkspaceShell(ports: WorkspacePorts, actor: Actor, rawInput: WorkspaceSlugInput): Promise<WorkspaceShell> {
  const { slug } = parseInput(workspaceSlugInputSchema, rawInput);
  const membership = await requireMembershipBySlug(ports, actor, slug);
  const [me, participations, mentionCounts] = await Promise.all([
    findUserProfile(ports.db, actor.userId),
    listParticipationsInWorkspace(ports.db, membership.workspace.id, actor.userId),
    countUnreadMentionsByConversation(ports.db, membership.workspace.id, actor.userId),
  ]);
  if (!me) throw new DomainError("UNAUTHENTICATED", "Your account no longer exists.");

  const summaries = participations.map(({ lastReadSeq, conversation }): ConversationSummary => {
    const otherMembers = conversation.participants.map((participant) => participant.user);
    const isDirect = conversation.kind === "dm" || conversation.kind === "group_dm";
    return {
      id: conversation.id,
      kind: conversation.kind,
      displayName: isDirect ? directMessageName(otherMembers, me.name) : (conversation.name ?? "unnamed"),
      topic: conversation.topic,
      memberCount: conversation._count.participants,
      unreadCount: Math.max(0, Number(conversation.lastSeq - lastReadSeq)),
      mentionCount: mentionCounts.get(conversation.id) ?? 0,
      lastMessageAt: conversation.lastMessageAt,
      otherMembers: isDirect ? otherMembers : [],
    };
  });

  const byName = (a: ConversationSummary, b: ConversationSummary) => a.displayName.localeCompare(b.displayName);
  const byRecentActivity = (a: ConversationSummary, b: ConversationSummary) =>
    (b.lastMessageAt?.getTime() ?? 0) - (a.lastMessageAt?.getTime() ?? 0) || byName(a, b);
  return {
    workspace: membership.workspace,
    role: membership.role,
    me,
    channels: summaries.filter((s) => s.kind === "channel" || s.kind === "private_channel").sort(byName),
    directMessages: summaries.filter((s) => s.kind === "dm" || s.kind === "group_dm").sort(byRecentActivity),
  };
}

function directMessageName(otherMembers: Array<{ name: string }>, myName: string): string {
  if (otherMembers.length === 0) return `${myName} (you)`;
  return otherMembers.map((member) => member.name).join(", ");
}

/** A signed-in person (e.g. first OAuth sign-in, no invite) starts a workspace of their own. */
export async function createWorkspace(ports: WorkspacePorts, actor: Actor, rawInput: CreateWorkspaceInput): Promise<{ slug: string }> {
  const { name } = parseInput(createWorkspaceInputSchema, rawInput);
  const workspace = await runInTransaction(ports.db, (tx) => createWorkspaceWithDefaultChannels(tx, { name, ownerId: actor.userId }));
  return { slug: workspace.slug };
}

/** The people directory of a workspace, for members only (an outsider gets NOT_FOUND). */
export async function listWorkspaceMembers(ports: WorkspacePorts, actor: Actor, rawInput: ListWorkspaceMembersInput): Promise<WorkspaceMemberEntry[]> {
  const input = parseInput(listWorkspaceMembersInputSchema, rawInput);
  await requireActiveMembership(ports.db, input.workspaceId, actor.userId);
  const query = input.query?.trim();
  return searchActiveMembers(ports.db, { workspaceId: input.workspaceId, query: query || undefined, limit: input.limit });
}

/** Inside a transaction (sign-up, createWorkspace): a new workspace owned by `ownerId`, with the default channels the owner is in. */
export async function createWorkspaceWithDefaultChannels(
  tx: Prisma.TransactionClient,
  input: { name: string; ownerId: string },
): Promise<{ id: string; slug: string }> {
  const workspace = await insertWorkspaceWithFreeSlug(tx, input.name);
  await addMembership(tx, { workspaceId: workspace.id, userId: input.ownerId, role: "owner" });
  await createOwnedPublicChannels(tx, { workspaceId: workspace.id, ownerId: input.ownerId, channels: DEFAULT_CHANNELS });
  return workspace;
}

/**
 * Inside a transaction (an invite used): `userId` becomes an active member
 * and joins the default channels, unless a guest: guests see only what they
 * are added to.
 */
export async function addMemberWithDefaultChannels(
  tx: Prisma.TransactionClient,
  input: { workspaceId: string; userId: string; role: WorkspaceRole },
): Promise<void> {
  await addMembership(tx, input);
  if (input.role === "guest") return;
  await joinChannelsNamed(tx, { workspaceId: input.workspaceId, userId: input.userId, names: DEFAULT_CHANNEL_NAMES });
}
