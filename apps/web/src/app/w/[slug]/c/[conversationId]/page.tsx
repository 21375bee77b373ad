import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConversationView } from "../../../../../components/workspace/ConversationView.tsx";
import { findConversation } from "../../../../../components/workspace/shell-data.ts";
import { loadWorkspaceShell } from "../../workspace-data.ts";

export async function generateMetadata({ params }: PageProps<"/w/[slug]/c/[conversationId]">): Promise<Metadata> {
  const { slug, conversationId } = await params;
  const shell = await loadWorkspaceShell(slug);
  const conversation = findConversation(shell, conversationId);
  if (!conversation) return { title: shell.workspace.name };
  const isChannel = conversation.kind === "channel" || conversation.kind === "private_channel";
  return { title: `${isChannel ? "#" : ""}${conversation.displayName} · ${shell.workspace.name}` };
}

export default async function ConversationPage({ params }: PageProps<"/w/[slug]/c/[conversationId]">) {
  const { slug, conversationId } = await params;
  const shell = await loadWorkspaceShell(slug);
  // Only the caller's own conversations are in the shell: anything else is a 404, never data.
  if (!findConversation(shell, conversationId)) notFound();
  return <ConversationView slug={slug} conversationId={conversationId} />;
}
