"use client";

import { ConfirmDialog } from "@parley/ui/ConfirmDialog";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../../trpc/react.tsx";
import { messageOf } from "../navigation/mutation-errors.ts";
import { useRefreshShell } from "../navigation/use-shell-refresh.ts";
import { useRefreshConversation } from "./use-conversation-detail.ts";

export interface ChannelConfirmDialogProps {
  slug: string;
  conversationId: string;
  channelName: string;
  onClose: () => void;
}

/**
 * Leaving takes the reader to `nextHref` (another conversation) first, so the
 * screen never shows a channel they are no longer in; then the sidebar drops it.
 */
export function LeaveChannelDialog({
  slug,
  conversationId,
  channelName,
  isPrivate,
  nextHref,
  onClose,
}: ChannelConfirmDialogProps & { isPrivate: boolean; nextHref: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refreshShell = useRefreshShell(slug);
  const leave = useMutation(trpc.conversations.leave.mutationOptions());

  return (
    <ConfirmDialog
      title={`Leave #${channelName}?`}
      confirmLabel="Leave channel"
      isDanger
      isBusy={leave.isPending}
      error={messageOf(leave.error)}
      onClose={onClose}
      onConfirm={() =>
        leave.mutate(
          { conversationId },
          {
            onSuccess: () => {
              onClose();
              router.replace(nextHref);
              void refreshShell();
            },
          },
        )
      }
    >
      <p>
        {isPrivate
          ? "This channel is private: you will only be able to rejoin if someone in it adds you again."
          : "You can rejoin at any time from Browse channels."}
      </p>
    </ConfirmDialog>
  );
}

/** Archiving keeps the history readable; nobody can post until it is unarchived. */
export function ArchiveChannelDialog({ slug, conversationId, channelName, isArchiving, onClose }: ChannelConfirmDialogProps & { isArchiving: boolean }) {
  const trpc = useTRPC();
  const refreshConversation = useRefreshConversation(slug, conversationId);
  const archive = useMutation(trpc.conversations.archive.mutationOptions());
  const unarchive = useMutation(trpc.conversations.unarchive.mutationOptions());
  const change = isArchiving ? archive : unarchive;

  return (
    <ConfirmDialog
      title={`${isArchiving ? "Archive" : "Unarchive"} #${channelName}?`}
      confirmLabel={isArchiving ? "Archive channel" : "Unarchive channel"}
      isDanger={isArchiving}
      isBusy={change.isPending}
      error={messageOf(change.error)}
      onClose={onClose}
      onConfirm={() =>
        change.mutate(
          { conversationId },
          {
            onSuccess: () => {
              // Not awaited by react-query's per-call onSuccess; invalidateQueries never rejects (a failed refetch lands in its query), so nothing is lost.
              void refreshConversation().then(onClose);
            },
          },
        )
      }
    >
      <p>
        {isArchiving
          ? "No one will be able to post in it. Its history stays readable, and a workspace admin or its creator can unarchive it later."
          : "Its members will be able to post in it again, and it returns to their sidebars."}
      </p>
    </ConfirmDialog>
  );
}
