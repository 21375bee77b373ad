/**
 * Workspaces as the signed-in person sees them: which ones they belong to, and
 * the shell of one (sidebar + headers). Every read starts from the caller's
 * active membership; an outsider gets NOT_FOUND and learns nothing.
 */
import type { PrismaClient } from "@parley/db/client";
import { parseInput } from "../core/input.ts";
import { runInTransaction, type Actor } from "../core/database.ts";
import { requireActiveMembership } from "../conversations/conversation-access.ts";
import { DomainError } from "../errors.ts";
import {
  countUnreadMentionsByConversation,
  findActiveMembershipBySlug,
  findUserProfile,
  insertWorkspaceWithDefaultChannels,
  listActiveMembershipsOfUser,
  listParticipationsInWorkspace,
  selectWorkspaceMembers,
} from "./workspaces.repository.ts";
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

const workspaceNotFound = () => new DomainError("NOT_FOUND", "That workspace does not exist or you are not a member of it.");

export async function listMyWorkspaces(ports: WorkspacePorts, actor: Actor): Promise<WorkspaceSummary[]> {
  const memberships = await listActiveMembershipsOfUser(ports.db, actor.userId);
  return memberships.map(({ role, workspace }) => ({ ...workspace, role }));
}

/** The caller's active membership in the workspace at `slug`, or NOT_FOUND. */
export async function requireMembershipBySlug(ports: WorkspacePorts, actor: Actor, slug: string) {
  const membership = await findActiveMembershipBySlug(ports.db, slug, actor.userId);
  if (!membership) throw workspaceNotFound();
  return membership;
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
  const workspace = await runInTransaction(ports.db, (tx) => insertWorkspaceWithDefaultChannels(tx, { name, ownerId: actor.userId }));
  return { slug: workspace.slug };
}

/** The people directory of a workspace, for members only (an outsider gets NOT_FOUND). */
export async function listWorkspaceMembers(
  ports: WorkspacePorts,
  actor: Actor,
  rawInput: ListWorkspaceMembersInput,
): Promise<WorkspaceMemberEntry[]> {
  const input = parseInput(listWorkspaceMembersInputSchema, rawInput);
  await requireActiveMembership(ports.db, input.workspaceId, actor.userId);
  const query = input.query?.trim();
  return selectWorkspaceMembers(ports.db, { workspaceId: input.workspaceId, query: query || undefined, limit: input.limit });
}
