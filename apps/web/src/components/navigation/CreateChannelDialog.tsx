"use client";

import { channelNameSchema, normalizeChannelName } from "@parley/api/conversations/conversations.schema";
import { Button } from "@parley/ui/Button";
import { DialogActions } from "@parley/ui/DialogActions";
import { Dialog } from "@parley/ui/Dialog";
import { TextField } from "@parley/ui/TextField";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../trpc/react.tsx";
import { conversationHref } from "../workspace/shell-data.ts";
import { fieldErrorOf, messageOf } from "./mutation-errors.ts";
import { useRefreshShell } from "./use-shell-refresh.ts";

export interface CreateChannelDialogProps {
  slug: string;
  workspaceId: string;
  onClose: () => void;
}

/** Name (normalized live, with the same rules the server applies), visibility and an optional topic. */
export function CreateChannelDialog({ slug, workspaceId, onClose }: CreateChannelDialogProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const refreshShell = useRefreshShell(slug);
  const [name, setName] = useState("");
  const [topic, setTopic] = useState("");
  const [isPrivate, setIsPrivate] = useState(false);
  const createChannel = useMutation(trpc.conversations.createChannel.mutationOptions());

  const normalized = normalizeChannelName(name);
  // The shared schema gives the rule as you type; the server's answer (e.g. "taken") replaces it on submit.
  const liveRule = name.length > 0 ? (channelNameSchema.safeParse(name).error?.issues[0]?.message ?? null) : null;
  const serverNameError = fieldErrorOf(createChannel.error, "name");
  const nameError = serverNameError ?? liveRule;
  const topicError = fieldErrorOf(createChannel.error, "topic");
  const otherError = createChannel.error && !serverNameError && !topicError ? messageOf(createChannel.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (liveRule || normalized.length === 0) return;
    createChannel.mutate(
      { workspaceId, name, isPrivate, topic: topic.trim() ? topic : undefined },
      {
        onSuccess: (created) => {
          // Not awaited by react-query's per-call onSuccess; invalidateQueries never rejects (a failed refetch lands in its query), so nothing is lost.
          void refreshShell().then(() => {
            router.push(conversationHref(slug, created.id));
            onClose();
          });
        },
      },
    );
  }

  return (
    <Dialog isOpen title="Create a channel" onClose={onClose}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField
          label="Name"
          autoFocus
          autoComplete="off"
          placeholder="e.g. plan-budget"
          maxLength={200}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (createChannel.error) createChannel.reset();
          }}
          error={nameError}
          hint={normalized && normalized !== name ? `Will be created as #${normalized}` : "Lowercase letters, numbers, hyphens and underscores."}
        />
        <TextField
          label="Topic (optional)"
          autoComplete="off"
          placeholder="What is this channel about?"
          value={topic}
          onChange={(event) => setTopic(event.target.value)}
          error={topicError}
        />
        <label className="flex cursor-pointer items-start gap-3 rounded-lg border border-border p-3">
          <input type="checkbox" className="mt-1 size-4 accent-accent" checked={isPrivate} onChange={(event) => setIsPrivate(event.target.checked)} />
          <span>
            <span className="block text-[15px] font-bold">Make private</span>
            <span className="block text-[13px] text-text-muted">Only people you add can see or join it.</span>
          </span>
        </label>
        <DialogActions error={otherError} onCancel={onClose}>
          <Button type="submit" isBusy={createChannel.isPending} disabled={Boolean(liveRule) || normalized.length === 0}>
            Create
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
