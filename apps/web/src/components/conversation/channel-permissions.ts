/**
 * What the conversation screen offers, mirroring the server's rules
 * (channel-membership.service.ts) so nothing is shown that would be refused.
 * The server still decides; a refusal is shown where the action was taken.
 */
import type { ConversationDetail } from "@parley/api/conversations/conversations.schema";
import type { ConversationSummary, WorkspaceRoleName, WorkspaceShell } from "@parley/api/workspaces/workspaces.schema";

type Conversation = Pick<ConversationDetail, "kind" | "isMember" | "isArchived">;

export function isChannelKind(kind: ConversationDetail["kind"]): boolean {
  return kind === "channel" || kind === "private_channel";
}

/** Why the reader can't post here, or null when they can (the composer shows). */
export function readOnlyReasonOf(conversation: Conversation): "archived" | "not-member" | null {
  if (conversation.isArchived) return "archived";
  if (!conversation.isMember) return "not-member";
  return null;
}

/** inviteMembers: channels only, by a member, not archived, not a guest. */
export function canAddPeopleTo(conversation: Conversation, workspaceRole: WorkspaceRoleName): boolean {
  return isChannelKind(conversation.kind) && conversation.isMember && !conversation.isArchived && workspaceRole !== "guest";
}

/** setTopic/setPurpose: a member of a channel that is not archived. */
export function canEditSettingsOf(conversation: Conversation): boolean {
  return isChannelKind(conversation.kind) && conversation.isMember && !conversation.isArchived;
}

/** Where leaving `conversationId` takes the reader: the workspace's default among what remains. */
export function conversationAfterLeaving(shell: WorkspaceShell, conversationId: string): ConversationSummary | null {
  const remaining = (list: ConversationSummary[]) => list.filter((conversation) => conversation.id !== conversationId);
  const channels = remaining(shell.channels);
  return channels.find((channel) => channel.displayName === "general") ?? channels[0] ?? remaining(shell.directMessages)[0] ?? null;
}
