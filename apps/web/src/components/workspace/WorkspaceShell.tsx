"use client";

import type { ConversationSummary } from "@parley/api/workspaces/workspaces.schema";
import { Sidebar, type SidebarConversation } from "@parley/ui/Sidebar";
import { WorkspaceMenu, type WorkspaceMenuItem } from "@parley/ui/WorkspaceMenu";
import { useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useRouter, useSelectedLayoutSegments } from "next/navigation";
import { useState, type ReactNode } from "react";
import { usePresence } from "../../realtime/hooks.ts";
import { useTRPC } from "../../trpc/react.tsx";
import { BrowseChannelsDialog } from "../navigation/BrowseChannelsDialog.tsx";
import { CreateChannelDialog } from "../navigation/CreateChannelDialog.tsx";
import { NewMessageDialog } from "../navigation/NewMessageDialog.tsx";
import { QuickSwitcher } from "../navigation/QuickSwitcher.tsx";
import { useNavigationShortcuts } from "../navigation/use-navigation-shortcuts.ts";
import { useShellRefetchInterval } from "../navigation/use-shell-refresh.ts";
import { InviteDialog } from "./InviteDialog.tsx";
import { conversationHref, defaultConversationOf } from "./shell-data.ts";

export interface WorkspaceShellProps {
  slug: string;
  children: ReactNode;
}

type OpenDialog = "invite" | "create-channel" | "browse-channels" | "new-message" | "switcher" | null;

/**
 * Sidebar + main pane. On phones only one of them shows: the sidebar at
 * /w/<slug>, the conversation at /w/<slug>/c/<id> (with a back link).
 */
export function WorkspaceShell({ slug, children }: WorkspaceShellProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const refetchInterval = useShellRefetchInterval();
  const { data: shell } = useSuspenseQuery({ ...trpc.workspaces.shell.queryOptions({ slug }), refetchInterval });
  const segments = useSelectedLayoutSegments();
  const isConversationOpen = segments[0] === "c" && Boolean(segments[1]);
  const activeId = isConversationOpen ? segments[1] : defaultConversationOf(shell)?.id;
  const [openDialog, setOpenDialog] = useState<OpenDialog>(null);
  const closeDialog = () => setOpenDialog(null);
  // The sidebar shows the presence of one-to-one DM partners, so those are the users watched.
  const presence = usePresence(
    shell.directMessages.filter((conversation) => conversation.kind === "dm").flatMap((conversation) => conversation.otherMembers.map((member) => member.id)),
  );

  const toSidebarItem = (conversation: ConversationSummary): SidebarConversation => {
    const isDirect = conversation.kind === "dm" || conversation.kind === "group_dm";
    return {
      id: conversation.id,
      href: conversationHref(slug, conversation.id),
      label: conversation.displayName,
      kind: conversation.kind,
      unreadCount: conversation.unreadCount,
      // Every unread direct message is addressed to you, so it gets the mention badge, as in Slack.
      mentionCount: isDirect ? Math.max(conversation.unreadCount, conversation.mentionCount) : conversation.mentionCount,
      isActive: conversation.id === activeId,
      // At /w/<slug> the default conversation shows beside the sidebar on desktop only.
      isActiveOnWideScreensOnly: !isConversationOpen,
      avatarName: conversation.otherMembers[0]?.name ?? shell.me.name,
      presence: conversation.kind === "dm" && conversation.otherMembers[0] ? (presence.get(conversation.otherMembers[0].id)?.status ?? "offline") : undefined,
    };
  };
  const channels = shell.channels.map(toSidebarItem);
  const directMessages = shell.directMessages.map(toSidebarItem);
  const inSidebarOrder = [...channels, ...directMessages];
  const openConversation = (conversationId: string) => router.push(conversationHref(slug, conversationId));

  useNavigationShortcuts({
    conversations: inSidebarOrder,
    activeId,
    onOpenSwitcher: () => setOpenDialog("switcher"),
    onNavigate: openConversation,
  });

  const canInvite = shell.role === "owner" || shell.role === "admin";
  const canCreateChannels = shell.role !== "guest";
  const menuItems: WorkspaceMenuItem[] = [
    ...(canInvite ? [{ id: "invite", label: `Invite people to ${shell.workspace.name}`, onSelect: () => setOpenDialog("invite") }] : []),
    { id: "sign-out", label: `Sign out of ${shell.workspace.name}`, onSelect: () => void signOut({ callbackUrl: "/signin" }) },
  ];

  return (
    <div className="flex h-dvh overflow-hidden bg-surface">
      <Sidebar
        Link={Link}
        className={clsx("w-full shrink-0 md:flex md:w-[260px]", isConversationOpen ? "hidden" : "flex")}
        header={<WorkspaceMenu workspaceName={shell.workspace.name} caption={shell.me.email} items={menuItems} />}
        sections={[
          {
            id: "channels",
            title: "Channels",
            conversations: channels,
            emptyText: "No channels yet",
            addLabel: "Add a channel",
            addActions: [
              ...(canCreateChannels ? [{ id: "create-channel", label: "Create a channel", onSelect: () => setOpenDialog("create-channel") }] : []),
              { id: "browse-channels", label: "Browse channels", onSelect: () => setOpenDialog("browse-channels") },
            ],
          },
          {
            id: "direct-messages",
            title: "Direct messages",
            conversations: directMessages,
            emptyText: "No direct messages yet",
            addActions: [{ id: "new-message", label: "New message", onSelect: () => setOpenDialog("new-message") }],
          },
        ]}
      />
      <main className={clsx("min-w-0 flex-1 flex-col", isConversationOpen ? "flex" : "hidden md:flex")}>{children}</main>
      {canInvite && openDialog === "invite" ? <InviteDialog workspaceSlug={slug} workspaceName={shell.workspace.name} onClose={closeDialog} /> : null}
      {openDialog === "create-channel" ? <CreateChannelDialog slug={slug} workspaceId={shell.workspace.id} onClose={closeDialog} /> : null}
      {openDialog === "browse-channels" ? <BrowseChannelsDialog slug={slug} workspaceId={shell.workspace.id} onClose={closeDialog} /> : null}
      {openDialog === "new-message" ? <NewMessageDialog slug={slug} workspaceId={shell.workspace.id} myId={shell.me.id} onClose={closeDialog} /> : null}
      {openDialog === "switcher" ? (
        <QuickSwitcher
          conversations={inSidebarOrder.map((item) => ({ ...item, avatarName: item.avatarName ?? item.label }))}
          onPick={openConversation}
          onClose={closeDialog}
        />
      ) : null}
    </div>
  );
}
