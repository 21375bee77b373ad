"use client";

import { Button } from "@parley/ui/Button";
import { Dialog } from "@parley/ui/Dialog";
import { HashIcon, LockIcon, SearchIcon } from "@parley/ui/icons";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "../../trpc/react.tsx";
import { conversationHref } from "../workspace/shell-data.ts";
import { messageOf } from "./mutation-errors.ts";
import { useRefreshShell } from "./use-shell-refresh.ts";

export interface BrowseChannelsDialogProps {
  slug: string;
  workspaceId: string;
  onClose: () => void;
}

/** Every public channel (and private ones you are in): search by name, join or open. */
export function BrowseChannelsDialog({ slug, workspaceId, onClose }: BrowseChannelsDialogProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const refreshShell = useRefreshShell(slug);
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query.trim());
  const directory = useQuery({
    ...trpc.conversations.browse.queryOptions({ workspaceId, query: deferredQuery || undefined }),
    placeholderData: keepPreviousData,
  });
  const join = useMutation(trpc.conversations.join.mutationOptions());

  async function open(conversationId: string, isMember: boolean) {
    if (!isMember) await join.mutateAsync({ conversationId });
    await refreshShell();
    router.push(conversationHref(slug, conversationId));
    onClose();
  }

  const channels = directory.data ?? [];
  return (
    <Dialog isOpen title="Browse channels" onClose={onClose}>
      <div className="flex h-11 items-center gap-2 rounded-lg border border-border-strong px-3 focus-within:border-link focus-within:ring-4 focus-within:ring-link/20">
        <SearchIcon className="size-4 shrink-0 text-text-muted" />
        <input
          autoFocus
          aria-label="Search channels by name"
          placeholder="Search by channel name"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          className="h-full min-w-0 flex-1 bg-transparent text-[16px] text-text outline-none placeholder:text-text-muted/70"
        />
      </div>
      {join.error ? (
        <p className="mt-2 text-[13px] text-danger" role="alert">
          {messageOf(join.error)}
        </p>
      ) : null}
      <ul aria-label="Channels" className="mt-3 h-80 overflow-y-auto rounded-lg border border-border">
        {channels.map((channel) => (
          <li key={channel.id} className="flex items-center gap-3 border-b border-border px-3 py-2 last:border-b-0">
            <div className="min-w-0 flex-1">
              <p className="flex items-center gap-1 text-[15px] font-bold">
                {channel.kind === "private_channel" ? <LockIcon className="size-4 shrink-0" /> : <HashIcon className="size-4 shrink-0" />}
                <span className="truncate">{channel.name}</span>
              </p>
              <p className="truncate text-[13px] text-text-muted">
                {channel.isMember ? <span className="font-bold text-link">Joined · </span> : null}
                {channel.memberCount} {channel.memberCount === 1 ? "member" : "members"}
                {channel.topic ? ` · ${channel.topic}` : ""}
              </p>
            </div>
            <Button
              variant={channel.isMember ? "secondary" : "primary"}
              className="h-8 px-3 text-[13px]"
              aria-label={`${channel.isMember ? "Open" : "Join"} #${channel.name}`}
              isBusy={join.isPending && join.variables.conversationId === channel.id}
              onClick={() => void open(channel.id, channel.isMember).catch(() => undefined)}
            >
              {channel.isMember ? "Open" : "Join"}
            </Button>
          </li>
        ))}
        {directory.isPending ? <li className="px-3 py-2 text-[14px] text-text-muted">Loading channels…</li> : null}
        {directory.isError ? <li className="px-3 py-2 text-[14px] text-danger">{directory.error.message}</li> : null}
        {directory.isSuccess && channels.length === 0 ? (
          <li className="px-3 py-2 text-[14px] text-text-muted">{deferredQuery ? `No channels match “${deferredQuery}”.` : "No channels yet."}</li>
        ) : null}
      </ul>
    </Dialog>
  );
}
