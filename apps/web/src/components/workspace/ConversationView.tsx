"use client";

import { ConversationHeader } from "@parley/ui/ConversationHeader";
import { ConversationIntro } from "@parley/ui/ConversationIntro";
import { ChevronLeftIcon } from "@parley/ui/icons";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "../../trpc/react.tsx";
import { ConversationDialogs, ConversationMenu, type ConversationDialog } from "../conversation/ConversationMenu.tsx";
import { ConversationPane } from "../conversation/ConversationPane.tsx";
import { readOnlyReasonOf } from "../conversation/channel-permissions.ts";
import { ReadOnlyFooter } from "../conversation/ReadOnlyFooter.tsx";
import { useConversationDetail } from "../conversation/use-conversation-detail.ts";
import { UserPresenceDot } from "../../realtime/LivePresence.tsx";
import { conversationHref, findConversation } from "./shell-data.ts";

export interface ConversationViewProps {
  slug: string;
  conversationId: string;
  /** From `?seq=`: open the history around this message and highlight it. */
  focusSeq?: number | null;
}

/**
 * The main pane for one conversation: header (with members and the channel
 * menu), then the history (intro at its start) and the composer, or a
 * read-only banner where the reader can't post (archived, not joined).
 * The header comes from conversations.get, so archived channels (which
 * leave the sidebar) and previewed public channels still open.
 */
export function ConversationView({ slug, conversationId, focusSeq = null }: ConversationViewProps) {
  const trpc = useTRPC();
  const { data: shell } = useSuspenseQuery(trpc.workspaces.shell.queryOptions({ slug }));
  const conversation = useConversationDetail(conversationId);
  const [openDialog, setOpenDialog] = useState<ConversationDialog>(null);
  // The sidebar's entry, when there is one: its name ("Ana (you)" for a self-DM) and the unread count at open.
  const summary = findConversation(shell, conversationId);
  const name = summary?.displayName ?? conversation.title;
  const isChannel = conversation.kind === "channel" || conversation.kind === "private_channel";
  const otherMembers = conversation.membersPreview.filter((member) => member.id !== shell.me.id);
  const dmPartner = conversation.kind === "dm" ? otherMembers[0] : undefined;
  const readOnlyReason = readOnlyReasonOf(conversation);
  return (
    <>
      <ConversationHeader
        kind={conversation.kind}
        name={name}
        topic={conversation.topic}
        memberCount={conversation.memberCount}
        onShowMembers={() => setOpenDialog("members")}
        nameBadge={dmPartner ? <UserPresenceDot userId={dmPartner.id} name={dmPartner.name} className="ml-1" /> : undefined}
        actions={isChannel ? <ConversationMenu conversation={conversation} workspaceRole={shell.role} onOpen={setOpenDialog} /> : null}
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
        // A new jump target is a new opening: fresh first page around it.
        key={`${conversation.id}:${focusSeq ?? ""}`}
        conversationId={conversation.id}
        title={isChannel ? `#${name}` : name}
        me={{ id: shell.me.id, name: shell.me.name }}
        isAdmin={shell.role === "owner" || shell.role === "admin"}
        unreadCountAtOpen={summary?.unreadCount ?? 0}
        focusSeq={focusSeq}
        isMember={conversation.isMember}
        footer={readOnlyReason ? <ReadOnlyFooter slug={slug} conversation={conversation} /> : null}
        messageLink={(message) => `${window.location.origin}${conversationHref(slug, conversation.id)}?seq=${message.seq}`}
        intro={
          <ConversationIntro kind={conversation.kind} name={name} topic={conversation.topic} otherMemberNames={otherMembers.map((member) => member.name)} />
        }
      />
      <ConversationDialogs
        slug={slug}
        shell={shell}
        conversation={conversation}
        title={isChannel ? `#${name}` : name}
        openDialog={openDialog}
        onClose={() => setOpenDialog(null)}
      />
    </>
  );
}
