import type { ConversationSummary, WorkspaceShell } from "@parley/api/workspaces/workspaces.schema";

/** What /w/<slug> opens: #general, else the first channel, else the most recent DM. */
export function defaultConversationOf(shell: WorkspaceShell): ConversationSummary | null {
  return shell.channels.find((channel) => channel.displayName === "general") ?? shell.channels[0] ?? shell.directMessages[0] ?? null;
}

export function findConversation(shell: WorkspaceShell, conversationId: string): ConversationSummary | null {
  return [...shell.channels, ...shell.directMessages].find((conversation) => conversation.id === conversationId) ?? null;
}

export function conversationHref(slug: string, conversationId: string): string {
  return `/w/${slug}/c/${conversationId}`;
}
