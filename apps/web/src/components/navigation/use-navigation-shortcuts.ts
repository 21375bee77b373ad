"use client";

import { useEffect, useRef } from "react";
import { adjacentConversation, type NavigableConversation } from "./conversation-order.ts";

export interface NavigationShortcuts {
  /** In sidebar order: what Alt+↑/↓ walks through. */
  conversations: NavigableConversation[];
  activeId: string | undefined;
  onOpenSwitcher: () => void;
  onNavigate: (conversationId: string) => void;
}

/**
 * Ctrl/Cmd+K opens the quick switcher; Alt+↑/↓ moves to the previous/next
 * conversation, Alt+Shift+↑/↓ to the previous/next unread one (Slack's keys).
 */
export function useNavigationShortcuts(shortcuts: NavigationShortcuts): void {
  // Read the newest values from one listener instead of re-binding on every render.
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const { conversations, activeId, onOpenSwitcher, onNavigate } = latest.current;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        onOpenSwitcher();
        return;
      }
      if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      const target = adjacentConversation(conversations, activeId, event.key === "ArrowDown" ? 1 : -1, event.shiftKey);
      if (!target) return;
      event.preventDefault();
      onNavigate(target.id);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
