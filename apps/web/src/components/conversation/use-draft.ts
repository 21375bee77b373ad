"use client";

import { useCallback, useSyncExternalStore } from "react";

const draftKey = (conversationId: string) => `parley:draft:${conversationId}`;
const listeners = new Set<() => void>();
/** This tab's drafts; localStorage is the copy that survives reloads (and may be unavailable). */
const draftsInMemory = new Map<string, string>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab's edit: forget ours so the stored one shows.
  const onStorage = () => {
    draftsInMemory.clear();
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function readDraft(conversationId: string): string {
  const inMemory = draftsInMemory.get(conversationId);
  if (inMemory !== undefined) return inMemory;
  try {
    return window.localStorage.getItem(draftKey(conversationId)) ?? "";
  } catch {
    // Private mode or storage disabled: drafts just don't survive a reload.
    return "";
  }
}

/**
 * The composer's text, kept per conversation in localStorage so switching away
 * or reloading loses nothing. Empty on the server, so hydration matches.
 */
export function useDraft(conversationId: string): [string, (value: string) => void] {
  const draft = useSyncExternalStore(
    subscribe,
    () => readDraft(conversationId),
    () => "",
  );
  const update = useCallback(
    (value: string) => {
      draftsInMemory.set(conversationId, value);
      try {
        if (value.length === 0) window.localStorage.removeItem(draftKey(conversationId));
        else window.localStorage.setItem(draftKey(conversationId), value);
      } catch {
        // See readDraft.
      }
      for (const listener of listeners) listener();
    },
    [conversationId],
  );
  return [draft, update];
}
