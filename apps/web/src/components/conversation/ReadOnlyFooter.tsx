"use client";

import type { ConversationDetail } from "@parley/api/conversations/conversations.schema";
import { Button } from "@parley/ui/Button";
import { ReadOnlyBanner } from "@parley/ui/messages/ReadOnlyBanner";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/react.tsx";
import { messageOf } from "../navigation/mutation-errors.ts";
import { useRefreshConversation } from "./use-conversation-detail.ts";

/** In the composer's place: the archived notice (with Unarchive for those allowed) or a Join button for a previewed channel. */
export function ReadOnlyFooter({ slug, conversation }: { slug: string; conversation: ConversationDetail }) {
  const trpc = useTRPC();
  const refreshConversation = useRefreshConversation(slug, conversation.id);
  const unarchive = useMutation(trpc.conversations.unarchive.mutationOptions({ onSuccess: refreshConversation }));
  const join = useMutation(trpc.conversations.join.mutationOptions({ onSuccess: refreshConversation }));

  if (conversation.isArchived) {
    return (
      <ReadOnlyBanner
        message="This channel has been archived."
        detail="You can read its history, but no one can post in it."
        error={messageOf(unarchive.error)}
        action={
          conversation.canManage ? (
            <Button
              variant="secondary"
              className="h-8 px-3 text-[14px]"
              isBusy={unarchive.isPending}
              onClick={() => unarchive.mutate({ conversationId: conversation.id })}
            >
              Unarchive
            </Button>
          ) : null
        }
      />
    );
  }
  return (
    <ReadOnlyBanner
      message={`You are viewing #${conversation.name ?? conversation.title}.`}
      detail="Join to post and get notified."
      error={messageOf(join.error)}
      action={
        <Button className="h-8 px-3 text-[14px]" isBusy={join.isPending} onClick={() => join.mutate({ conversationId: conversation.id })}>
          Join channel
        </Button>
      }
    />
  );
}
