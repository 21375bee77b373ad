"use client";

import type { ConversationDetail } from "@parley/api/conversations/conversations.schema";
import type { WorkspaceMemberEntry } from "@parley/api/workspaces/workspaces.schema";
import { Button } from "@parley/ui/Button";
import { DialogActions } from "@parley/ui/DialogActions";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../trpc/react.tsx";
import { messageOf } from "../navigation/mutation-errors.ts";
import { PeoplePicker } from "../navigation/PeoplePicker.tsx";
import { useRefreshConversation } from "./use-conversation-detail.ts";

/** The server takes at most this many people per invite (userIdListSchema). */
const MAX_PEOPLE_PER_INVITE = 100;

export interface AddPeopleFormProps {
  slug: string;
  conversation: ConversationDetail;
  /** Current members and the caller: never offered. */
  excludedIds: ReadonlySet<string>;
  onAdded: () => void;
  onCancel: () => void;
}

/** Pick people from the workspace and add them to the channel; the server's refusal shows inline. */
export function AddPeopleForm({ slug, conversation, excludedIds, onAdded, onCancel }: AddPeopleFormProps) {
  const trpc = useTRPC();
  const refreshConversation = useRefreshConversation(slug, conversation.id);
  const [selected, setSelected] = useState<WorkspaceMemberEntry[]>([]);
  const invite = useMutation(trpc.conversations.invite.mutationOptions());

  function add() {
    invite.mutate(
      { conversationId: conversation.id, userIds: selected.map((person) => person.id) },
      {
        onSuccess: () => {
          // Not awaited by react-query's per-call onSuccess; invalidateQueries never rejects (a failed refetch lands in its query), so nothing is lost.
          void refreshConversation().then(onAdded);
        },
      },
    );
  }

  return (
    <div>
      <PeoplePicker
        workspaceId={conversation.workspaceId}
        selected={selected}
        onChange={(next) => {
          setSelected(next);
          if (invite.error) invite.reset();
        }}
        excludedIds={excludedIds}
        maxSelected={MAX_PEOPLE_PER_INVITE}
      />
      <div className="mt-4 flex flex-col gap-3">
        <DialogActions error={invite.error ? messageOf(invite.error) : null} onCancel={onCancel}>
          <Button onClick={add} isBusy={invite.isPending} disabled={selected.length === 0}>
            {selected.length > 1 ? `Add ${selected.length} people` : "Add"}
          </Button>
        </DialogActions>
      </div>
    </div>
  );
}
