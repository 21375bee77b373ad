"use client";

/**
 * Moves the user's read position forward as they see messages: whenever the
 * newest message is on screen and the tab is visible and focused (Slack's
 * rule), plus on demand (Esc). "Mark unread" moves it back and holds off the
 * automatic marking until something new arrives, or the user asks again.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC, useTRPCClient } from "../../trpc/react.tsx";

export interface ReadMarker {
  /** Seq of the "new messages" line (null: none). */
  firstUnreadSeq: number | null;
  markReadUpTo: (seq: number) => void;
  markUnreadFrom: (seq: number) => void;
}

function isTabAttentive(): boolean {
  return document.visibilityState === "visible" && document.hasFocus();
}

export function useReadMarker(options: {
  conversationId: string;
  highestSeq: number;
  isNewestVisible: boolean;
  initialFirstUnreadSeq: number | null;
  /** False for a channel previewed without joining: the server keeps no read state for non-members. */
  isEnabled: boolean;
}): ReadMarker {
  const { conversationId, highestSeq, isNewestVisible, isEnabled } = options;
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  // Mark-unread moves the line; until then it sits where unread began at open.
  const [movedFirstUnreadSeq, setFirstUnreadSeq] = useState<number | null>(null);
  const firstUnreadSeq = movedFirstUnreadSeq ?? options.initialFirstUnreadSeq;
  const markedSeqRef = useRef(0);
  const heldAtSeqRef = useRef<number | null>(null);

  const refreshSidebar = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.workspaces.shell.queryKey() }), [queryClient, trpc]);

  const markReadUpTo = useCallback(
    (seq: number) => {
      heldAtSeqRef.current = null;
      if (!isEnabled || seq <= markedSeqRef.current) return;
      markedSeqRef.current = seq;
      trpcClient.reads.markRead
        .mutate({ conversationId, seq })
        .then(refreshSidebar)
        .catch(() => {
          // Let the next chance try again.
          markedSeqRef.current = Math.min(markedSeqRef.current, seq - 1);
        });
    },
    [conversationId, isEnabled, refreshSidebar, trpcClient],
  );

  const markUnreadFrom = useCallback(
    (seq: number) => {
      if (!isEnabled) return;
      heldAtSeqRef.current = highestSeq;
      markedSeqRef.current = seq - 1;
      setFirstUnreadSeq(seq);
      trpcClient.reads.markUnread
        .mutate({ conversationId, fromSeq: seq })
        .then(refreshSidebar)
        .catch(() => undefined);
    },
    [conversationId, highestSeq, isEnabled, refreshSidebar, trpcClient],
  );

  useEffect(() => {
    const markIfSeen = () => {
      if (highestSeq === 0 || !isNewestVisible || !isTabAttentive()) return;
      if (heldAtSeqRef.current !== null && highestSeq <= heldAtSeqRef.current) return;
      markReadUpTo(highestSeq);
    };
    markIfSeen();
    window.addEventListener("focus", markIfSeen);
    document.addEventListener("visibilitychange", markIfSeen);
    return () => {
      window.removeEventListener("focus", markIfSeen);
      document.removeEventListener("visibilitychange", markIfSeen);
    };
  }, [highestSeq, isNewestVisible, markReadUpTo]);

  return { firstUnreadSeq, markReadUpTo, markUnreadFrom };
}
