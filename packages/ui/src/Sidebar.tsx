"use client";

import clsx from "clsx";
import { useState, type ComponentType, type ReactNode } from "react";
import { Avatar } from "./Avatar.tsx";
import { ChevronDownIcon, HashIcon, LockIcon, PlusIcon } from "./icons.tsx";
import { PresenceDot, type PresenceDotStatus } from "./presence/PresenceDot.tsx";
import { SidebarAddMenu, type SidebarAction } from "./SidebarAddMenu.tsx";

export type { SidebarAction } from "./SidebarAddMenu.tsx";

export type ConversationKind = "channel" | "private_channel" | "dm" | "group_dm";

export interface SidebarConversation {
  id: string;
  href: string;
  label: string;
  kind: ConversationKind;
  unreadCount: number;
  /** Unread messages mentioning the viewer: a strong badge, as in Slack. */
  mentionCount?: number;
  isActive: boolean;
  /** Highlighted only beside an open conversation pane (md and up), e.g. the default one on a phone's sidebar screen. */
  isActiveOnWideScreensOnly?: boolean;
  /** For DMs: whose avatar to show (the other person, or a group's first member). */
  avatarName?: string;
  /** For one-to-one DMs: the other person's presence, a dot on the avatar's corner. */
  presence?: PresenceDotStatus;
}

export interface SidebarSectionData {
  id: string;
  title: string;
  conversations: SidebarConversation[];
  emptyText?: string;
  /** The "+" beside the title: one action runs directly, several open a small menu. */
  addActions?: SidebarAction[];
  /** Accessible name of that "+" when it opens a menu. */
  addLabel?: string;
}

/** next/link or a plain anchor: the UI package does not know the router. */
export type LinkComponent = ComponentType<{ href: string; className?: string; children: ReactNode; "aria-current"?: "page" }>;

export interface SidebarProps {
  /** Workspace name and menu. */
  header: ReactNode;
  sections: SidebarSectionData[];
  Link: LinkComponent;
  className?: string;
}

export function Sidebar({ header, sections, Link, className }: SidebarProps) {
  return (
    <nav aria-label="Workspace" className={clsx("flex h-full min-h-0 flex-col bg-sidebar text-sidebar-text", className)}>
      <div className="flex h-[49px] shrink-0 items-center border-b border-sidebar-border px-3">{header}</div>
      <div className="min-h-0 flex-1 overflow-y-auto py-2 [scrollbar-width:thin]">
        {sections.map((section) => (
          <SidebarSection key={section.id} section={section} Link={Link} />
        ))}
      </div>
    </nav>
  );
}

function SidebarSection({ section, Link }: { section: SidebarSectionData; Link: LinkComponent }) {
  const [isOpen, setIsOpen] = useState(true);
  const listId = `sidebar-section-${section.id}`;
  // A collapsed section still shows what needs attention, as Slack does.
  const visible = isOpen ? section.conversations : section.conversations.filter((c) => c.unreadCount > 0 || c.isActive);
  return (
    <section className="mb-3 px-2">
      <div className="group flex items-center gap-0.5">
        <button
          type="button"
          aria-expanded={isOpen}
          aria-controls={listId}
          onClick={() => setIsOpen((open) => !open)}
          className="flex h-7 min-w-0 flex-1 items-center gap-1 rounded-md px-3 text-left text-[15px] text-sidebar-text hover:bg-sidebar-hover focus-visible:outline-2 focus-visible:outline-sidebar-focus"
        >
          <ChevronDownIcon className={clsx("size-3.5 shrink-0 transition-transform", !isOpen && "-rotate-90")} />
          <span className="truncate font-medium">{section.title}</span>
        </button>
        {section.addActions && section.addActions.length > 0 ? (
          <SidebarAddMenu label={section.addLabel ?? `Add to ${section.title}`} actions={section.addActions} icon={<PlusIcon className="size-4" />} />
        ) : null}
      </div>
      <ul id={listId} className="mt-0.5">
        {visible.map((conversation) => (
          <li key={conversation.id}>
            <SidebarItem conversation={conversation} Link={Link} />
          </li>
        ))}
        {isOpen && section.conversations.length === 0 && section.emptyText ? (
          <li className="px-3 py-1 text-[13px] text-sidebar-text/70">{section.emptyText}</li>
        ) : null}
      </ul>
    </section>
  );
}

function SidebarItem({ conversation, Link }: { conversation: SidebarConversation; Link: LinkComponent }) {
  const isUnread = conversation.unreadCount > 0 && !conversation.isActive;
  const mentionCount = conversation.isActive ? 0 : (conversation.mentionCount ?? 0);
  const activeClasses = "bg-sidebar-active text-white";
  return (
    <Link
      href={conversation.href}
      aria-current={conversation.isActive ? "page" : undefined}
      className={clsx(
        "flex h-7 items-center gap-2 rounded-md px-3 text-[15px] leading-7 outline-none focus-visible:ring-2 focus-visible:ring-sidebar-focus",
        !conversation.isActive && "hover:bg-sidebar-hover",
        conversation.isActive && (conversation.isActiveOnWideScreensOnly ? "md:bg-sidebar-active md:text-white" : activeClasses),
        isUnread && "font-bold text-sidebar-text-strong",
      )}
    >
      <ConversationGlyph conversation={conversation} />
      <span className="min-w-0 flex-1 truncate">{conversation.label}</span>
      {mentionCount > 0 ? (
        <span
          className="ml-auto rounded-full bg-badge px-1.5 text-xs leading-[18px] font-bold text-white"
          aria-label={`${mentionCount} ${mentionCount === 1 ? "mention" : "mentions"}, ${conversation.unreadCount} unread`}
        >
          {mentionCount > 99 ? "99+" : mentionCount}
        </span>
      ) : isUnread ? (
        // Plain unread: bold name plus a quiet count; the strong badge is kept for mentions.
        <span className="ml-auto text-xs font-bold text-sidebar-text-strong/80" aria-label={`${conversation.unreadCount} unread`}>
          {conversation.unreadCount > 99 ? "99+" : conversation.unreadCount}
        </span>
      ) : null}
    </Link>
  );
}

function ConversationGlyph({ conversation }: { conversation: SidebarConversation }) {
  if (conversation.kind === "channel") return <HashIcon className="size-4 shrink-0 opacity-80" />;
  if (conversation.kind === "private_channel") return <LockIcon className="size-4 shrink-0 opacity-80" />;
  const avatarName = conversation.avatarName ?? conversation.label;
  if (!conversation.presence) return <Avatar name={avatarName} size="xs" />;
  return (
    <span className="relative inline-flex shrink-0">
      <Avatar name={avatarName} size="xs" />
      {/* The ring takes the row's background so the dot reads on the avatar's corner, hovered or active too. */}
      <PresenceDot
        status={conversation.presence}
        name={avatarName}
        className={clsx(
          "absolute -right-1 -bottom-1 size-2.5",
          conversation.isActive ? "[--presence-ring:var(--sidebar-active)]" : "[--presence-ring:var(--sidebar)]",
        )}
      />
    </span>
  );
}
