"use client";

/**
 * The header's view of one conversation (conversations.get): name, topic,
 * member count, archived or not, and what the caller may do. It stays fresh
 * the way the sidebar does: conversation events over the socket refetch it,
 * and without a socket it polls at the sidebar's pace. The socket carries
 * events of one's own conversations only, so a channel previewed without
 * joining is always polled.
 */
import type { ConversationDetail } from "@parley/api/conversations/conversations.schema";
import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { subscribeLiveEvents } from "../../live/live-events.ts";
import { useTRPC } from "../../trpc/react.tsx";
import { SHELL_POLL_INTERVAL_MS, useShellRefetchInterval } from "../navigation/use-shell-refresh.ts";

export function useConversationDetail(conversationId: string): ConversationDetail {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const shellInterval = useShellRefetchInterval();
  const { data } = useSuspenseQuery({
    ...trpc.conversations.get.queryOptions({ conversationId }),
    refetchInterval: (query) => (query.state.data?.isMember === false ? SHELL_POLL_INTERVAL_MS : shellInterval),
  });

  useEffect(
    () =>
      subscribeLiveEvents((event) => {
        if (!event.type.startsWith("conversation.") || !("conversationId" in event) || event.conversationId !== conversationId) return;
        void queryClient.invalidateQueries({ queryKey: trpc.conversations.get.queryKey({ conversationId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.conversations.members.queryKey({ conversationId }) });
      }),
    [conversationId, queryClient, trpc],
  );
  return data;
}

/** After a change to a conversation (topic, members, archived): refetch its header, member list and the sidebar. */
export function useRefreshConversation(slug: string, conversationId: string): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.conversations.get.queryKey({ conversationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.conversations.members.queryKey({ conversationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.workspaces.shell.queryKey({ slug }) }),
    ]);
  }, [conversationId, queryClient, slug, trpc]);
}
