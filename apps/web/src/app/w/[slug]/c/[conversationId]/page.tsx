import { seqCursorSchema } from "@parley/api/messages/messages.schema";
import type { Metadata } from "next";
import { ConversationView } from "@/components/workspace/ConversationView.tsx";
import { HydrateClient } from "@/trpc/server.tsx";
import { loadConversation, loadWorkspaceShell } from "../../workspace-data.ts";

export async function generateMetadata({ params }: PageProps<"/w/[slug]/c/[conversationId]">): Promise<Metadata> {
  const { slug, conversationId } = await params;
  const [shell, conversation] = await Promise.all([loadWorkspaceShell(slug), loadConversation(conversationId)]);
  const isChannel = conversation.kind === "channel" || conversation.kind === "private_channel";
  return { title: `${isChannel ? "#" : ""}${conversation.title} · ${shell.workspace.name}` };
}

/** `?seq=N` (a copied message link) opens the history around message N; anything not a seq is ignored. */
function focusSeqOf(raw: string | string[] | undefined): number | null {
  const parsed = seqCursorSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  return parsed.success ? parsed.data : null;
}

export default async function ConversationPage({ params, searchParams }: PageProps<"/w/[slug]/c/[conversationId]">) {
  const { slug, conversationId } = await params;
  // Access and the workspace match are decided by layout.tsx; this puts the conversation into the hydrated cache.
  await loadConversation(conversationId);
  return (
    <HydrateClient>
      <ConversationView key={conversationId} slug={slug} conversationId={conversationId} focusSeq={focusSeqOf((await searchParams).seq)} />
    </HydrateClient>
  );
}
