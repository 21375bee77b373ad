"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { getLiveStatus, subscribeLiveStatus } from "../../live/live-events.ts";
import { useTRPC } from "../../trpc/react.tsx";

/** While no realtime socket is live, the sidebar polls at this pace so unread counts still move. */
export const SHELL_POLL_INTERVAL_MS = 5_000;

/** false while a socket is live (the realtime client invalidates on events), else the polling interval. */
export function useShellRefetchInterval(): number | false {
  const status = useSyncExternalStore(subscribeLiveStatus, getLiveStatus, () => "offline" as const);
  return status === "live" ? false : SHELL_POLL_INTERVAL_MS;
}

/** Refetches the sidebar/header data after a mutation; resolves once the fresh shell is in the cache. */
export function useRefreshShell(slug: string): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: trpc.workspaces.shell.queryKey({ slug }) }), [queryClient, trpc, slug]);
}
