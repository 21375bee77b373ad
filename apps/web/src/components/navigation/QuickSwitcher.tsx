"use client";

import { Avatar } from "@parley/ui/Avatar";
import { HashIcon, LockIcon, SearchIcon } from "@parley/ui/icons";
import type { ConversationKind } from "@parley/ui/Sidebar";
import clsx from "clsx";
import { useEffect, useId, useRef, useState } from "react";
import { filterConversations, type NavigableConversation } from "./conversation-order.ts";

export interface SwitcherConversation extends NavigableConversation {
  kind: ConversationKind;
  avatarName: string;
}

export interface QuickSwitcherProps {
  conversations: SwitcherConversation[];
  onPick: (conversationId: string) => void;
  onClose: () => void;
}

const RESULTS_MAX = 12;

/** Ctrl/Cmd+K: type to filter your conversations, arrows to move, Enter to open, Esc to close. */
export function QuickSwitcher({ conversations, onPick, onClose }: QuickSwitcherProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const listId = useId();
  const [query, setQuery] = useState("");
  const [highlighted, setHighlighted] = useState(0);
  const results = filterConversations(conversations, query).slice(0, RESULTS_MAX);
  const current = Math.min(highlighted, Math.max(0, results.length - 1));

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  function pick(conversationId: string | undefined) {
    if (!conversationId) return;
    onPick(conversationId);
    onClose();
  }

  return (
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- a click on the backdrop closes; Esc is the keyboard's way (native to <dialog>)
    <dialog
      ref={dialogRef}
      aria-label="Jump to a conversation"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === dialogRef.current) onClose();
      }}
      className="mx-auto mt-[12vh] w-[min(560px,calc(100vw-2rem))] overflow-hidden rounded-xl border border-border bg-surface p-0 text-text shadow-2xl backdrop:bg-black/50"
    >
      <div className="flex h-12 items-center gap-2 border-b border-border px-4">
        <SearchIcon className="size-4 shrink-0 text-text-muted" />
        <input
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={results[current] ? `${listId}-${results[current].id}` : undefined}
          aria-label="Find a conversation"
          placeholder="Jump to…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setHighlighted(0);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              event.preventDefault();
              const step = event.key === "ArrowDown" ? 1 : -1;
              setHighlighted((current + step + results.length) % Math.max(1, results.length));
            } else if (event.key === "Enter") {
              event.preventDefault();
              pick(results[current]?.id);
            }
          }}
          className="h-full min-w-0 flex-1 bg-transparent text-[16px] outline-none placeholder:text-text-muted/70"
        />
        <kbd className="hidden rounded border border-border px-1.5 text-[11px] text-text-muted sm:inline">Esc</kbd>
      </div>
      <ul id={listId} role="listbox" aria-label="Conversations" className="max-h-[min(420px,60vh)] overflow-y-auto py-1.5">
        {results.map((conversation, index) => (
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- keyboard users pick with ↑/↓ and Enter in the combobox input (aria-activedescendant)
          <li
            key={conversation.id}
            id={`${listId}-${conversation.id}`}
            role="option"
            aria-selected={index === current}
            onPointerMove={() => setHighlighted(index)}
            onClick={() => pick(conversation.id)}
            className={clsx(
              "mx-1.5 flex h-9 cursor-pointer items-center gap-2.5 rounded-md px-3 text-[15px]",
              index === current && "bg-link text-white",
              conversation.unreadCount > 0 && "font-bold",
            )}
          >
            {conversation.kind === "channel" ? <HashIcon className="size-4 shrink-0 opacity-80" /> : null}
            {conversation.kind === "private_channel" ? <LockIcon className="size-4 shrink-0 opacity-80" /> : null}
            {conversation.kind === "dm" || conversation.kind === "group_dm" ? <Avatar name={conversation.avatarName} size="xs" /> : null}
            <span className="min-w-0 flex-1 truncate">{conversation.label}</span>
            {conversation.unreadCount > 0 ? <span className="text-xs opacity-80">{conversation.unreadCount} unread</span> : null}
          </li>
        ))}
        {results.length === 0 ? <li className="px-4 py-2 text-[14px] text-text-muted">No conversations match “{query.trim()}”.</li> : null}
      </ul>
    </dialog>
  );
}
