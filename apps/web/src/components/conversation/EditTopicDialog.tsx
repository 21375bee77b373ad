"use client";

import { TOPIC_MAX } from "@parley/api/conversations/conversations.schema";
import { Button } from "@parley/ui/Button";
import { DialogActions } from "@parley/ui/DialogActions";
import { Dialog } from "@parley/ui/Dialog";
import { TextField } from "@parley/ui/TextField";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/react.tsx";
import { fieldErrorOf, messageOf } from "../navigation/mutation-errors.ts";
import { useRefreshConversation } from "./use-conversation-detail.ts";

export interface EditTopicDialogProps {
  slug: string;
  conversationId: string;
  channelName: string;
  topic: string;
  onClose: () => void;
}

/** The server checks the topic (length, invisible characters); its message shows under the field. */
export function EditTopicDialog({ slug, conversationId, channelName, topic: currentTopic, onClose }: EditTopicDialogProps) {
  const trpc = useTRPC();
  const refreshConversation = useRefreshConversation(slug, conversationId);
  const [topic, setTopic] = useState(currentTopic);
  const setTopicMutation = useMutation(trpc.conversations.setTopic.mutationOptions());
  const topicError = fieldErrorOf(setTopicMutation.error, "topic");
  const otherError = setTopicMutation.error && !topicError ? messageOf(setTopicMutation.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (topic === currentTopic) {
      onClose();
      return;
    }
    setTopicMutation.mutate(
      { conversationId, topic },
      {
        onSuccess: () => {
          // Not awaited by react-query's per-call onSuccess; invalidateQueries never rejects (a failed refetch lands in its query), so nothing is lost.
          void refreshConversation().then(onClose);
        },
      },
    );
  }

  return (
    <Dialog isOpen title="Edit topic" onClose={onClose}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField
          label="Topic"
          autoFocus
          autoComplete="off"
          placeholder="Add a topic"
          value={topic}
          onChange={(event) => {
            setTopic(event.target.value);
            if (setTopicMutation.error) setTopicMutation.reset();
          }}
          error={topicError}
          hint={`Shown in the header of #${channelName}. Up to ${TOPIC_MAX} characters.`}
        />
        <DialogActions error={otherError} onCancel={onClose}>
          <Button type="submit" isBusy={setTopicMutation.isPending}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
