"use client";

/**
 * What screens use: the presence of a few users, who types in a conversation,
 * and a throttled "I am typing" signal for the composer.
 */
import { subscribeLiveEvents } from "../live/live-events.ts";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { getPresenceSnapshot, subscribePresence, type UserPresence } from "@parley/realtime-client/presence-store";
import { useRealtimeControls, type RealtimeControls } from "./realtime-context.ts";
import { clearTypist, getTypists, subscribeTyping, type Typist } from "@parley/realtime-client/typing-store";

/** Sends at most one typing frame per this interval (the server expires it after 5 s). */
export const TYPING_THROTTLE_MS = 3_000;

// Several components look at presence at once (sidebar, header): the socket
// subscribes to the union of what they show, counted so one unmount does not
// drop a user another still shows.
const watchCounts = new Map<string, number>();

function resubscribe(client: RealtimeControls): void {
  client.subscribePresence([...watchCounts.keys()]);
}

const offline: UserPresence = { status: "offline", lastSeenAt: null };

/** Presence of each of `userIds` (offline until the server says otherwise). */
export function usePresence(userIds: readonly string[]): ReadonlyMap<string, UserPresence> {
  const client = useRealtimeControls();
  const key = [...new Set(userIds)].sort().join(",");
  useEffect(() => {
    if (!client || key === "") return;
    const ids = key.split(",");
    for (const id of ids) watchCounts.set(id, (watchCounts.get(id) ?? 0) + 1);
    resubscribe(client);
    return () => {
      for (const id of ids) {
        const count = (watchCounts.get(id) ?? 1) - 1;
        if (count <= 0) watchCounts.delete(id);
        else watchCounts.set(id, count);
      }
      resubscribe(client);
    };
  }, [client, key]);
  const snapshot = useSyncExternalStore(subscribePresence, getPresenceSnapshot, getPresenceSnapshot);
  return useMemo(
    () =>
      new Map(
        key
          .split(",")
          .filter(Boolean)
          .map((id) => [id, snapshot.get(id) ?? offline]),
      ),
    [key, snapshot],
  );
}

const noTypists: readonly Typist[] = [];

/** Who is typing in a conversation, other than `myUserId`. */
export function useTyping(conversationId: string, myUserId?: string): readonly Typist[] {
  const typists = useSyncExternalStore(
    subscribeTyping,
    () => getTypists(conversationId),
    () => noTypists,
  );
  useEffect(
    // A message from someone ends their typing at once, not 5 s later.
    () =>
      subscribeLiveEvents((event) => {
        if (event.type === "message.created" && event.conversationId === conversationId && event.message.senderId) {
          clearTypist(conversationId, event.message.senderId);
        }
      }),
    [conversationId],
  );
  return useMemo(() => (myUserId ? typists.filter((typist) => typist.userId !== myUserId) : typists), [typists, myUserId]);
}

/** A function for the composer's onChange: tells the conversation I am typing, throttled. */
export function useTypingEmitter(conversationId: string): () => void {
  const client = useRealtimeControls();
  const lastSentAt = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (!client || now - lastSentAt.current < TYPING_THROTTLE_MS) return;
    lastSentAt.current = now;
    client.typing(conversationId);
  }, [client, conversationId]);
}
