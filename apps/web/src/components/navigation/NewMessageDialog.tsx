"use client";

import { GROUP_DM_MAX_OTHERS } from "@parley/api/conversations/conversations.schema";
import type { WorkspaceMemberEntry } from "@parley/api/workspaces/workspaces.schema";
import { Button } from "@parley/ui/Button";
import { DialogActions } from "@parley/ui/DialogActions";
import { Dialog } from "@parley/ui/Dialog";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useTRPC } from "../../trpc/react.tsx";
import { conversationHref } from "../workspace/shell-data.ts";
import { messageOf } from "./mutation-errors.ts";
import { PeoplePicker } from "./PeoplePicker.tsx";
import { useRefreshShell } from "./use-shell-refresh.ts";

export interface NewMessageDialogProps {
  slug: string;
  workspaceId: string;
  myId: string;
  onClose: () => void;
}

/** Pick 1..8 people: one opens (or reopens) a DM, more a group DM. */
export function NewMessageDialog({ slug, workspaceId, myId, onClose }: NewMessageDialogProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const refreshShell = useRefreshShell(slug);
  const [selected, setSelected] = useState<WorkspaceMemberEntry[]>([]);
  const excludedIds = useMemo(() => new Set([myId]), [myId]);
  const openDirectMessage = useMutation(trpc.conversations.openDirectMessage.mutationOptions());

  function open() {
    openDirectMessage.mutate(
      { workspaceId, userIds: selected.map((person) => person.id) },
      {
        onSuccess: (conversation) => {
          // Not awaited by react-query's per-call onSuccess; invalidateQueries never rejects (a failed refetch lands in its query), so nothing is lost.
          void refreshShell().then(() => {
            router.push(conversationHref(slug, conversation.id));
            onClose();
          });
        },
      },
    );
  }

  return (
    <Dialog isOpen title="New message" onClose={onClose}>
      <PeoplePicker workspaceId={workspaceId} selected={selected} onChange={setSelected} excludedIds={excludedIds} maxSelected={GROUP_DM_MAX_OTHERS} />
      <div className="mt-4 flex flex-col gap-3">
        <DialogActions error={openDirectMessage.error ? messageOf(openDirectMessage.error) : null} onCancel={onClose}>
          <Button onClick={open} isBusy={openDirectMessage.isPending} disabled={selected.length === 0}>
            {selected.length > 1 ? "Start group message" : "Start message"}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
