"use client";

/**
 * Who is in a conversation (with live presence), searchable, and for those
 * allowed "Add people" (the workspace people picker, then conversations.invite).
 */
import type { ConversationDetail, ConversationMember } from "@parley/api/conversations/conversations.schema";
import { Avatar } from "@parley/ui/Avatar";
import { Dialog } from "@parley/ui/Dialog";
import { PlusIcon, SearchIcon } from "@parley/ui/icons";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "../../trpc/react.tsx";
import { usePresence } from "../../realtime/hooks.ts";
import { UserPresenceDot } from "../../realtime/LivePresence.tsx";
import { AddPeopleForm } from "./AddPeopleForm.tsx";

export interface MembersDialogProps {
  slug: string;
  conversation: ConversationDetail;
  /** "#design" or a group's names. */
  title: string;
  myId: string;
  canAddPeople: boolean;
  /** Open straight on "Add people" (from the channel menu). */
  startWithAddPeople: boolean;
  onClose: () => void;
}

/** Presence is watched for the first rows only: a big channel should not subscribe to everyone. */
const PRESENCE_WATCH_LIMIT = 100;

export function MembersDialog({ slug, conversation, title, myId, canAddPeople, startWithAddPeople, onClose }: MembersDialogProps) {
  const trpc = useTRPC();
  const [isAdding, setIsAdding] = useState(startWithAddPeople && canAddPeople);
  const [query, setQuery] = useState("");
  const members = useQuery(trpc.conversations.members.queryOptions({ conversationId: conversation.id }));
  const memberIds = useMemo(() => new Set((members.data?.members ?? []).map((member) => member.id)), [members.data]);

  if (isAdding) {
    return (
      <Dialog isOpen title={`Add people to ${title}`} onClose={onClose}>
        <AddPeopleForm
          slug={slug}
          conversation={conversation}
          excludedIds={new Set([...memberIds, myId])}
          onAdded={() => setIsAdding(false)}
          onCancel={() => (startWithAddPeople ? onClose() : setIsAdding(false))}
        />
      </Dialog>
    );
  }

  const needle = query.trim().toLowerCase();
  const shown = (members.data?.members ?? []).filter((member) => !needle || member.name.toLowerCase().includes(needle));
  const count = conversation.memberCount;
  return (
    <Dialog isOpen title={`${count} ${count === 1 ? "member" : "members"} in ${title}`} onClose={onClose}>
      <div className="flex h-10 items-center gap-2 rounded-lg border border-border-strong px-3 focus-within:border-link focus-within:ring-4 focus-within:ring-link/20">
        <SearchIcon className="size-4 shrink-0 text-text-muted" />
        <input
          autoFocus
          aria-label="Find members"
          placeholder="Find members"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          className="h-full min-w-0 flex-1 bg-transparent text-[15px] text-text outline-none placeholder:text-text-muted/70"
        />
      </div>
      <ul aria-label="Members" className="mt-3 h-80 overflow-y-auto">
        {canAddPeople ? (
          <li>
            <button
              type="button"
              onClick={() => setIsAdding(true)}
              className="flex w-full items-center gap-3 rounded-lg px-2 py-1.5 text-left text-[15px] font-bold text-text hover:bg-surface-muted focus-visible:bg-surface-muted focus-visible:outline-none"
            >
              <span className="inline-flex size-9 items-center justify-center rounded-lg bg-link/10 text-link">
                <PlusIcon className="size-5" />
              </span>
              Add people
            </button>
          </li>
        ) : null}
        {members.isPending ? <MemberSkeletons /> : null}
        {members.isError ? (
          <li role="alert" className="px-2 py-2 text-[14px] text-danger">
            Couldn&apos;t load the members: {members.error.message}
          </li>
        ) : null}
        <MemberRows members={shown} myId={myId} />
        {members.isSuccess && shown.length === 0 ? (
          <li className="px-2 py-6 text-center text-[14px] text-text-muted">
            {needle ? `No one here matches “${query.trim()}”.` : "No one is in this conversation any more."}
          </li>
        ) : null}
        {members.data?.hasMore && !needle ? (
          <li className="px-2 py-2 text-[13px] text-text-muted">
            Showing the first {members.data.members.length} of {count} members.
          </li>
        ) : null}
      </ul>
    </Dialog>
  );
}

function MemberRows({ members, myId }: { members: ConversationMember[]; myId: string }) {
  // Subscribes the socket to these people's presence; the dots below read the same store.
  usePresence(members.slice(0, PRESENCE_WATCH_LIMIT).map((member) => member.id));
  return members.map((member) => (
    <li key={member.id} className="flex items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-surface-muted">
      <span className="relative">
        <Avatar name={member.name} imageUrl={member.image} size="md" />
        <UserPresenceDot userId={member.id} name={member.name} className="absolute -right-0.5 -bottom-0.5" />
      </span>
      <span className="flex min-w-0 flex-1 items-baseline gap-1 text-[15px]">
        <span className="truncate font-bold text-text">{member.name}</span>
        {member.id === myId ? <span className="shrink-0 text-text-muted">{" (you)"}</span> : null}
      </span>
      <span className="shrink-0 text-[13px] text-text-muted">{roleLabel(member)}</span>
    </li>
  ));
}

function roleLabel(member: ConversationMember): string {
  if (member.role === "owner") return "Channel creator";
  return member.isWorkspaceAdmin ? "Workspace admin" : "";
}

function MemberSkeletons() {
  return Array.from({ length: 5 }, (_, index) => (
    <li key={index} aria-hidden="true" className="flex items-center gap-3 px-2 py-1.5">
      <span className="size-9 animate-pulse rounded-lg bg-surface-muted" />
      <span className="h-3.5 animate-pulse rounded bg-surface-muted" style={{ width: `${40 + ((index * 17) % 35)}%` }} />
    </li>
  ));
}
