import { notFound } from "next/navigation";
import { loadConversation, loadWorkspaceShell } from "../../workspace-data.ts";

/**
 * Decides "404" for a conversation the visitor may not see (or one of another
 * workspace) before the pane's loading boundary (loading.tsx beside this file)
 * starts streaming: a notFound() inside that boundary would come after the
 * status was sent, and the 404 page would answer 200. The page reads the same
 * data from the request's query client, not again from the database.
 */
export default async function ConversationLayout({ children, params }: LayoutProps<"/w/[slug]/c/[conversationId]">) {
  const { slug, conversationId } = await params;
  const [shell, conversation] = await Promise.all([loadWorkspaceShell(slug), loadConversation(conversationId)]);
  if (conversation.workspaceId !== shell.workspace.id) notFound();
  return children;
}
