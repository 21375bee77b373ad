"use client";

/**
 * One conversation's history for the screen: the first page from react-query,
 * older/newer pages by seq cursor, live bus events from live-events, and a
 * resync poll (`after` the highest contiguous seq) whenever the socket is not
 * live. Sends go over the socket when it offers a sender, else over tRPC.
 */
import type { MessageView } from "@parley/protocol/events";
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from "@parley/api/messages/messages.schema";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { getLiveSender, getLiveStatus, subscribeLiveEvents, subscribeLiveStatus } from "../../live/live-events.ts";
import { useTRPC, useTRPCClient } from "../../trpc/react.tsx";
import {
  addOutgoing,
  applyBusEvent,
  confirmOutgoing,
  contiguousHighSeq,
  discardOutgoing,
  emptyTimeline,
  failOutgoing,
  hasGap,
  mergeMessages,
  mergePage,
  retryOutgoing,
  type ConversationTimeline,
} from "./conversation-timeline.ts";

export const RESYNC_POLL_MS = 2_000;

export interface ConversationAuthor {
  id: string;
  name: string;
}

export interface ConversationMessages {
  timeline: ConversationTimeline;
  isLoading: boolean;
  /** The newest seq when the conversation opened (null until the first page is in; 0: empty). */
  newestSeqAtOpen: number | null;
  loadError: string | null;
  isLoadingOlder: boolean;
  loadOlder: () => void;
  send: (body: string) => void;
  retry: (clientMessageId: string) => void;
  discard: (clientMessageId: string) => void;
  /** Rejects with the server's message so the inline editor can show it. */
  edit: (message: MessageView, body: string) => Promise<void>;
  remove: (message: MessageView) => Promise<void>;
}

/** Readable text for anything a send or fetch can throw (TRPCClientError carries the server's message). */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message === "Failed to fetch" ? "Can't reach the server" : error.message;
  return "Something went wrong";
}

/** Enough of the newest history to include the first unread message (up to one maximal page). */
function initialPageSize(unreadCount: number): number {
  return Math.min(HISTORY_PAGE_MAX, Math.max(HISTORY_PAGE_DEFAULT, unreadCount + 10));
}

export interface ConversationOpening {
  unreadCountAtOpen: number;
  /** A `?seq=` link: open around that message; the resync below then fills the rest up to the newest, as after any gap. */
  focusSeq: number | null;
  /** The socket delivers events of one's own conversations only: a channel previewed without joining is polled. */
  isMember: boolean;
}

export function useConversationMessages(conversationId: string, me: ConversationAuthor, opening: ConversationOpening): ConversationMessages {
  const { unreadCountAtOpen, focusSeq, isMember } = opening;
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const [timeline, setTimelineState] = useState<ConversationTimeline>(emptyTimeline);
  const [isLoadingOlder, setIsLoadingOlder] = useState(false);
  // The ref is the source of truth so async callbacks and event listeners see the latest timeline.
  const timelineRef = useRef(timeline);
  const setTimeline = useCallback((change: (current: ConversationTimeline) => ConversationTimeline) => {
    const next = change(timelineRef.current);
    if (next === timelineRef.current) return;
    timelineRef.current = next;
    setTimelineState(next);
  }, []);
  const isFetchingNewerRef = useRef(false);
  const liveStatus = useSyncExternalStore(subscribeLiveStatus, getLiveStatus, () => "offline");

  const firstPage = useQuery({
    ...trpc.messages.list.queryOptions(
      focusSeq !== null ? { conversationId, around: focusSeq, limit: HISTORY_PAGE_DEFAULT } : { conversationId, limit: initialPageSize(unreadCountAtOpen) },
    ),
    // The timeline owns the data after the first load; refetching would only repeat it.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const isReady = firstPage.data !== undefined;

  useEffect(() => {
    const page = firstPage.data;
    if (page) setTimeline((current) => mergePage(current, page, "initial"));
  }, [firstPage.data, setTimeline]);

  const fetchNewer = useCallback(async () => {
    if (isFetchingNewerRef.current) return;
    isFetchingNewerRef.current = true;
    try {
      // Loop while the server says more exist, so a long outage catches up in one go.
      for (;;) {
        const after = contiguousHighSeq(timelineRef.current);
        const page = await trpcClient.messages.list.query({ conversationId, limit: HISTORY_PAGE_MAX, ...(after > 0 ? { after } : {}) });
        setTimeline((current) => mergePage(current, page, "newer"));
        if (!page.hasMoreAfter || page.messages.length === 0) break;
      }
    } finally {
      isFetchingNewerRef.current = false;
    }
  }, [conversationId, setTimeline, trpcClient]);

  // Live events; a seq that skips ahead means an event was missed: fetch the hole.
  useEffect(() => {
    return subscribeLiveEvents((event) => {
      const before = timelineRef.current;
      setTimeline((current) => applyBusEvent(current, conversationId, event));
      if (timelineRef.current !== before && hasGap(timelineRef.current)) void fetchNewer().catch(() => undefined);
    });
  }, [conversationId, fetchNewer, setTimeline]);

  /**
   * Without a socket, edits and deletions have no other way in: re-read the
   * newest page (what the reader most likely sees), then fetch `after` the
   * contiguous run if more arrived than one page holds.
   */
  const pollNewest = useCallback(async () => {
    const page = await trpcClient.messages.list.query({ conversationId, limit: HISTORY_PAGE_DEFAULT });
    setTimeline((current) => mergePage(current, page, "newer"));
    if (hasGap(timelineRef.current)) await fetchNewer();
  }, [conversationId, fetchNewer, setTimeline, trpcClient]);

  // Poll while the socket is not live; catch up once more when it comes back
  // (the newest page too: edits and deletions made while away have no seq of their own).
  useEffect(() => {
    if (!isReady) return;
    if (liveStatus === "live" && isMember) {
      void pollNewest().catch(() => undefined);
      return;
    }
    void fetchNewer().catch(() => undefined);
    const timer = window.setInterval(() => void pollNewest().catch(() => undefined), RESYNC_POLL_MS);
    return () => window.clearInterval(timer);
  }, [isReady, liveStatus, isMember, fetchNewer, pollNewest]);

  const loadOlder = useCallback(() => {
    const oldest = timelineRef.current.messages[0];
    if (!isReady || isLoadingOlder || !timelineRef.current.hasMoreBefore || !oldest || oldest.seq <= 1) return;
    setIsLoadingOlder(true);
    trpcClient.messages.list
      .query({ conversationId, before: oldest.seq, limit: HISTORY_PAGE_DEFAULT })
      .then((page) => setTimeline((current) => mergePage(current, page, "older")))
      .catch(() => undefined)
      .finally(() => setIsLoadingOlder(false));
  }, [conversationId, isLoadingOlder, isReady, setTimeline, trpcClient]);

  const deliver = useCallback(
    (clientMessageId: string, body: string) => {
      const input = { conversationId, clientMessageId, body };
      const liveSender = getLiveSender();
      const sending = liveSender ? liveSender(input) : trpcClient.messages.send.mutate(input);
      sending
        .then((result) => setTimeline((current) => confirmOutgoing(current, clientMessageId, result.message)))
        .catch((error: unknown) => setTimeline((current) => failOutgoing(current, clientMessageId, errorMessageOf(error))));
    },
    [conversationId, setTimeline, trpcClient],
  );

  const send = useCallback(
    (body: string) => {
      const clientMessageId = crypto.randomUUID();
      setTimeline((current) => addOutgoing(current, { clientMessageId, body, senderId: me.id, senderName: me.name, createdAt: new Date().toISOString() }));
      deliver(clientMessageId, body);
    },
    [deliver, me.id, me.name, setTimeline],
  );

  const retry = useCallback(
    (clientMessageId: string) => {
      const entry = timelineRef.current.outgoing.find((candidate) => candidate.clientMessageId === clientMessageId);
      if (!entry) return;
      setTimeline((current) => retryOutgoing(current, clientMessageId));
      deliver(clientMessageId, entry.body);
    },
    [deliver, setTimeline],
  );

  const discard = useCallback((clientMessageId: string) => setTimeline((current) => discardOutgoing(current, clientMessageId)), [setTimeline]);

  const edit = useCallback(
    async (message: MessageView, body: string) => {
      const result = await trpcClient.messages.edit.mutate({ conversationId, messageId: message.id, body });
      setTimeline((current) => mergeMessages(current, [result.message]));
    },
    [conversationId, setTimeline, trpcClient],
  );

  const remove = useCallback(
    async (message: MessageView) => {
      await trpcClient.messages.delete.mutate({ conversationId, messageId: message.id });
      setTimeline((current) => mergeMessages(current, [{ ...message, body: "", isDeleted: true }]));
    },
    [conversationId, setTimeline, trpcClient],
  );

  return {
    timeline,
    isLoading: firstPage.isPending,
    newestSeqAtOpen: firstPage.data ? (firstPage.data.messages.at(-1)?.seq ?? 0) : null,
    loadError: firstPage.error ? errorMessageOf(firstPage.error) : null,
    isLoadingOlder,
    loadOlder,
    send,
    retry,
    discard,
    edit,
    remove,
  };
}
