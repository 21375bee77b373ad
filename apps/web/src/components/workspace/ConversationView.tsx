"use client";

import { ConversationHeader } from "@parley/ui/ConversationHeader";
import { ConversationIntro } from "@parley/ui/ConversationIntro";
import { ChevronLeftIcon } from "@parley/ui/icons";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../../trpc/react.tsx";
import { ConversationPane } from "../conversation/ConversationPane.tsx";
import { UserPresenceDot } from "../../realtime/LivePresence.tsx";
import { conversationHref, findConversation } from "./shell-data.ts";

export interface ConversationViewProps {
  slug: string;
  conversationId: string;
}

/** The main pane for one conversation: header, then the history (intro at its start) and the composer. */
export function ConversationView({ slug, conversationId }: ConversationViewProps) {
  const trpc = useTRPC();
  const { data: shell } = useSuspenseQuery(trpc.workspaces.shell.queryOptions({ slug }));
  const conversation = findConversation(shell, conversationId);
  if (!conversation) {
    return <p className="p-6 text-[15px] text-text-muted">This conversation is not available.</p>;
  }
  const name = conversation.displayName;
  const isChannel = conversation.kind === "channel" || conversation.kind === "private_channel";
  return (
    <>
      <ConversationHeader
        kind={conversation.kind}
        name={name}
        topic={conversation.topic}
        memberCount={conversation.memberCount}
        nameBadge={
          conversation.kind === "dm" && conversation.otherMembers[0] ? (
            <UserPresenceDot userId={conversation.otherMembers[0].id} name={conversation.otherMembers[0].name} className="ml-1" />
          ) : undefined
        }
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
      <ConversationPane
        key={conversation.id}
        conversationId={conversation.id}
        title={isChannel ? `#${name}` : name}
        me={{ id: shell.me.id, name: shell.me.name }}
        isAdmin={shell.role === "owner" || shell.role === "admin"}
        unreadCountAtOpen={conversation.unreadCount}
        messageLink={(message) => `${window.location.origin}${conversationHref(slug, conversation.id)}?seq=${message.seq}`}
        intro={
          <ConversationIntro
            kind={conversation.kind}
            name={name}
            topic={conversation.topic}
            otherMemberNames={conversation.otherMembers.map((member) => member.name)}
          />
        }
      />
    </>
  );
}
