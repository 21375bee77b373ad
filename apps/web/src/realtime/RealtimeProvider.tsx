"use client";

/**
 * Runs one RealtimeClient per tab for the signed-in user while a workspace is
 * open, and feeds it into the live-events seam: every event is published, the
 * link status mirrored, and the socket offered as the sender while live. Events
 * that move sidebar counts refresh the shell query, debounced so a burst of
 * messages costs one refetch.
 */
import type { BusEvent } from "@parley/protocol/events";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { publishLiveEvent, setLiveSender, setLiveStatus, subscribeLiveEvents } from "../live/live-events.ts";
import { useTRPC, useTRPCClient } from "../trpc/react.tsx";
import { clearPresence, setUserPresence } from "@parley/realtime-client/presence-store";
import { browserSocketFactory, RealtimeClient } from "@parley/realtime-client/realtime-client";
import { RealtimeControlsContext } from "./realtime-context.ts";
import { noteTyping } from "@parley/realtime-client/typing-store";

const SHELL_REFRESH_DEBOUNCE_MS = 300;

function changesSidebar(event: BusEvent): boolean {
  return event.type === "message.created" || event.type === "read" || event.type.startsWith("conversation.");
}

declare global {
  interface Window {
    /** End-to-end tests cut the socket through this, as a dead network would. */
    __parleyRealtime?: RealtimeClient;
  }
}

export function RealtimeProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  // Built once per mount; the effect below starts and stops it (twice in StrictMode, which it supports).
  const [client] = useState(() => {
    const created: RealtimeClient = new RealtimeClient({
      fetchCredentials: () => trpcClient.realtime.token.mutate(),
      createSocket: browserSocketFactory,
      onEvent: publishLiveEvent,
      onStatus: (status) => {
        setLiveStatus(status);
        setLiveSender(status === "live" ? (input) => created.send(input) : null);
      },
      onPresence: (frame) => setUserPresence(frame.userId, { status: frame.status, lastSeenAt: frame.lastSeenAt }),
      onTyping: (frame) => noteTyping(frame.conversationId, frame.userId, frame.userName),
    });
    return created;
  });

  useEffect(() => {
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = subscribeLiveEvents((event) => {
      if (!changesSidebar(event) || refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        void queryClient.invalidateQueries({ queryKey: trpc.workspaces.shell.queryKey({ slug }) });
      }, SHELL_REFRESH_DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      if (refreshTimer) clearTimeout(refreshTimer);
    };
  }, [slug, trpc, queryClient]);

  useEffect(() => {
    const onOnline = () => client.reconnectNow();
    // A hidden tab counts as away; the user is online while any tab is visible.
    const onVisibility = () => client.setDeviceStatus(document.visibilityState === "hidden" ? "away" : "online");
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onVisibility);
    onVisibility();
    window.__parleyRealtime = client;
    client.start();
    return () => {
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onVisibility);
      if (window.__parleyRealtime === client) delete window.__parleyRealtime;
      client.stop();
      setLiveSender(null);
      setLiveStatus("offline");
      clearPresence();
    };
  }, [client]);

  return <RealtimeControlsContext.Provider value={client}>{children}</RealtimeControlsContext.Provider>;
}
