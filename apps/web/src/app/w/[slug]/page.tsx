import type { Metadata } from "next";
import { ConversationView } from "@/components/workspace/ConversationView.tsx";
import { defaultConversationOf } from "@/components/workspace/shell-data.ts";
import { HydrateClient } from "@/trpc/server.tsx";
import { loadConversation, loadWorkspaceShell } from "./workspace-data.ts";

export async function generateMetadata({ params }: PageProps<"/w/[slug]">): Promise<Metadata> {
  const shell = await loadWorkspaceShell((await params).slug);
  return { title: shell.workspace.name };
}

/** Desktop: the default conversation beside the sidebar. Phone: the shell shows only the sidebar here. */
export default async function WorkspaceHomePage({ params }: PageProps<"/w/[slug]">) {
  const { slug } = await params;
  const shell = await loadWorkspaceShell(slug);
  const conversation = defaultConversationOf(shell);
  if (!conversation) {
    return <p className="p-6 text-[15px] text-text-muted">You&apos;re not in any conversation of {shell.workspace.name} yet.</p>;
  }
  await loadConversation(conversation.id);
  return (
    <HydrateClient>
      <ConversationView slug={slug} conversationId={conversation.id} />
    </HydrateClient>
  );
}
