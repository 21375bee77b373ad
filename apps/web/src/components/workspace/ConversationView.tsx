"use client";

import { ConversationHeader } from "@parley/ui/ConversationHeader";
import { ConversationIntro } from "@parley/ui/ConversationIntro";
import { ChevronLeftIcon } from "@parley/ui/icons";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../../trpc/react.tsx";
import { findConversation } from "./shell-data.ts";

export interface ConversationViewProps {
  slug: string;
  conversationId: string;
}

/**
 * The main pane for one conversation: header, then the scrolling history
 * (for now the Slack-style intro at its top). The message list and the
 * composer mount in the two marked places below.
 */
export function ConversationView({ slug, conversationId }: ConversationViewProps) {
  const trpc = useTRPC();
  const { data: shell } = useSuspenseQuery(trpc.workspaces.shell.queryOptions({ slug }));
  const conversation = findConversation(shell, conversationId);
  if (!conversation) {
    return <p className="p-6 text-[15px] text-text-muted">This conversation is not available.</p>;
  }
  const name = conversation.displayName;
  return (
    <>
      <ConversationHeader
        kind={conversation.kind}
        name={name}
        topic={conversation.topic}
        memberCount={conversation.memberCount}
        leading={
          <Link
            href={`/w/${slug}`}
            aria-label="Back to conversations"
            className="-ml-1 inline-flex size-8 shrink-0 items-center justify-center rounded-md text-text hover:bg-surface-muted md:hidden"
          >
            <ChevronLeftIcon className="size-5" />
          </Link>
        }
      />
      <section aria-label={`Messages in ${name}`} className="flex min-h-0 flex-1 flex-col overflow-y-auto">
        {/* History starts at the bottom, as in Slack: the intro sits right above the first message. */}
        <div className="mt-auto">
          <ConversationIntro
            kind={conversation.kind}
            name={name}
            topic={conversation.topic}
            otherMemberNames={conversation.otherMembers.map((member) => member.name)}
          />
          {/* Message list slot: the messages issue renders the history here, under the intro. */}
        </div>
      </section>
      {/* Composer slot: the messages issue mounts the composer here, pinned below the history. */}
    </>
  );
}
