"use client";

import { Sidebar, type SidebarConversation } from "@parley/ui/Sidebar";
import { WorkspaceMenu, type WorkspaceMenuItem } from "@parley/ui/WorkspaceMenu";
import type { ConversationSummary } from "@parley/api/workspaces/workspaces.schema";
import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useSelectedLayoutSegments } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useTRPC } from "../../trpc/react.tsx";
import { InviteDialog } from "./InviteDialog.tsx";
import { conversationHref, defaultConversationOf } from "./shell-data.ts";

export interface WorkspaceShellProps {
  slug: string;
  children: ReactNode;
}

/**
 * Sidebar + main pane. On phones only one of them shows: the sidebar at
 * /w/<slug>, the conversation at /w/<slug>/c/<id> (with a back link).
 */
export function WorkspaceShell({ slug, children }: WorkspaceShellProps) {
  const trpc = useTRPC();
  const { data: shell } = useSuspenseQuery(trpc.workspaces.shell.queryOptions({ slug }));
  const segments = useSelectedLayoutSegments();
  const isConversationOpen = segments[0] === "c" && Boolean(segments[1]);
  const activeId = isConversationOpen ? segments[1] : defaultConversationOf(shell)?.id;
  const [isInviteOpen, setIsInviteOpen] = useState(false);

  const toSidebarItem = (conversation: ConversationSummary): SidebarConversation => ({
    id: conversation.id,
    href: conversationHref(slug, conversation.id),
    label: conversation.displayName,
    kind: conversation.kind,
    unreadCount: conversation.unreadCount,
    isActive: conversation.id === activeId,
    // At /w/<slug> the default conversation shows beside the sidebar on desktop only.
    isActiveOnWideScreensOnly: !isConversationOpen,
    avatarName: conversation.otherMembers[0]?.name ?? shell.me.name,
  });

  const canInvite = shell.role === "owner" || shell.role === "admin";
  const menuItems: WorkspaceMenuItem[] = [
    ...(canInvite ? [{ id: "invite", label: `Invite people to ${shell.workspace.name}`, onSelect: () => setIsInviteOpen(true) }] : []),
    { id: "sign-out", label: `Sign out of ${shell.workspace.name}`, onSelect: () => void signOut({ callbackUrl: "/signin" }) },
  ];

  return (
    <div className="flex h-dvh overflow-hidden bg-surface">
      <Sidebar
        Link={Link}
        className={clsx("w-full shrink-0 md:flex md:w-[260px]", isConversationOpen ? "hidden" : "flex")}
        header={<WorkspaceMenu workspaceName={shell.workspace.name} caption={shell.me.email} items={menuItems} />}
        sections={[
          { id: "channels", title: "Channels", conversations: shell.channels.map(toSidebarItem), emptyText: "No channels yet" },
          {
            id: "direct-messages",
            title: "Direct messages",
            conversations: shell.directMessages.map(toSidebarItem),
            emptyText: "No direct messages yet",
          },
        ]}
      />
      <main className={clsx("min-w-0 flex-1 flex-col", isConversationOpen ? "flex" : "hidden md:flex")}>{children}</main>
      {canInvite && isInviteOpen ? (
        <InviteDialog workspaceSlug={slug} workspaceName={shell.workspace.name} onClose={() => setIsInviteOpen(false)} />
      ) : null}
    </div>
  );
}
