"use client";

/**
 * The channel settings menu in the conversation header (Edit topic, Add
 * people, Leave, Archive/Unarchive) and the dialogs it opens. Items show only
 * what the server would allow (channel-permissions.ts mirrors
 * channel-membership.service; archiving follows the server's `canManage`);
 * the server still decides, and each dialog shows its refusal.
 */
import type { ConversationDetail } from "@parley/api/conversations/conversations.schema";
import type { WorkspaceRoleName, WorkspaceShell } from "@parley/api/workspaces/workspaces.schema";
import { ActionMenu, type ActionMenuItem } from "@parley/ui/ActionMenu";
import { MoreIcon } from "@parley/ui/icons";
import { conversationHref } from "../workspace/shell-data.ts";
import { canAddPeopleTo, canEditSettingsOf, conversationAfterLeaving } from "./channel-permissions.ts";
import { ArchiveChannelDialog, LeaveChannelDialog } from "./ChannelConfirmDialogs.tsx";
import { EditTopicDialog } from "./EditTopicDialog.tsx";
import { MembersDialog } from "./MembersDialog.tsx";

export type ConversationDialog = "members" | "add-people" | "topic" | "leave" | "archive" | "unarchive" | null;

export interface ConversationMenuProps {
  conversation: ConversationDetail;
  workspaceRole: WorkspaceRoleName;
  onOpen: (dialog: ConversationDialog) => void;
}

export function ConversationMenu({ conversation, workspaceRole, onOpen }: ConversationMenuProps) {
  const canEdit = canEditSettingsOf(conversation);
  const items: ActionMenuItem[] = [
    ...(canEdit ? [{ id: "topic", label: conversation.topic ? "Edit topic" : "Add a topic", onSelect: () => onOpen("topic") }] : []),
    { id: "members", label: "View members", onSelect: () => onOpen("members") },
    ...(canAddPeopleTo(conversation, workspaceRole) ? [{ id: "add-people", label: "Add people", onSelect: () => onOpen("add-people") }] : []),
    ...(conversation.canManage && !conversation.isArchived
      ? [{ id: "archive", label: "Archive channel", onSelect: () => onOpen("archive"), isDanger: true }]
      : []),
    ...(conversation.canManage && conversation.isArchived ? [{ id: "unarchive", label: "Unarchive channel", onSelect: () => onOpen("unarchive") }] : []),
    ...(conversation.isMember ? [{ id: "leave", label: "Leave channel", onSelect: () => onOpen("leave"), isDanger: true }] : []),
  ];
  return <ActionMenu label="Channel settings" icon={<MoreIcon className="size-5" />} items={items} />;
}

export interface ConversationDialogsProps {
  slug: string;
  shell: WorkspaceShell;
  conversation: ConversationDetail;
  /** "#design" or the people's names. */
  title: string;
  openDialog: ConversationDialog;
  onClose: () => void;
}

export function ConversationDialogs({ slug, shell, conversation, title, openDialog, onClose }: ConversationDialogsProps) {
  const channelName = conversation.name ?? conversation.title;
  const common = { slug, conversationId: conversation.id, channelName, onClose };
  switch (openDialog) {
    case "members":
    case "add-people":
      return (
        <MembersDialog
          slug={slug}
          conversation={conversation}
          title={title}
          myId={shell.me.id}
          canAddPeople={canAddPeopleTo(conversation, shell.role)}
          startWithAddPeople={openDialog === "add-people"}
          onClose={onClose}
        />
      );
    case "topic":
      return <EditTopicDialog {...common} topic={conversation.topic} />;
    case "leave": {
      const next = conversationAfterLeaving(shell, conversation.id);
      return (
        <LeaveChannelDialog {...common} isPrivate={conversation.kind === "private_channel"} nextHref={next ? conversationHref(slug, next.id) : `/w/${slug}`} />
      );
    }
    case "archive":
    case "unarchive":
      return <ArchiveChannelDialog {...common} isArchiving={openDialog === "archive"} />;
    case null:
      return null;
  }
}
