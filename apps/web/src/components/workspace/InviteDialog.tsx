"use client";

import { Button } from "@parley/ui/Button";
import { Dialog } from "@parley/ui/Dialog";
import { CopyIcon } from "@parley/ui/icons";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "../../trpc/react.tsx";

export interface InviteDialogProps {
  workspaceSlug: string;
  workspaceName: string;
  onClose: () => void;
}

/**
 * Mounted while open; makes a fresh invite link each time. The token is shown
 * once here and stored only as a hash.
 */
export function InviteDialog({ workspaceSlug, workspaceName, onClose }: InviteDialogProps) {
  const trpc = useTRPC();
  const createInvite = useMutation(trpc.workspaces.createInvite.mutationOptions());
  const { mutate: requestInvite } = createInvite;
  const [hasCopied, setHasCopied] = useState(false);
  const linkRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    requestInvite({ workspaceSlug });
  }, [workspaceSlug, requestInvite]);

  const link = createInvite.data ? `${window.location.origin}/invite/${createInvite.data.token}` : "";

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setHasCopied(true);
    } catch {
      // No clipboard permission (e.g. plain http on another host): select it for Ctrl+C.
      linkRef.current?.select();
    }
  }

  return (
    <Dialog isOpen title={`Invite people to ${workspaceName}`} onClose={onClose}>
      <p className="text-[15px] text-text-muted">Anyone with this link can join as a member. Share it only with people you trust.</p>
      <label className="mt-4 block text-[15px] font-bold" htmlFor="invite-link">
        Invite link
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id="invite-link"
          ref={linkRef}
          readOnly
          value={createInvite.isPending ? "Creating a link…" : link}
          onFocus={(event) => event.currentTarget.select()}
          className="h-10 min-w-0 flex-1 rounded-lg border border-border-strong bg-surface-muted px-3 font-mono text-[13px] text-text"
        />
        <Button onClick={() => void copy()} disabled={!link}>
          <CopyIcon className="size-4" />
          {hasCopied ? "Copied" : "Copy"}
        </Button>
      </div>
      {createInvite.error ? <p className="mt-2 text-[13px] text-danger">{createInvite.error.message}</p> : null}
      {createInvite.data ? (
        <p className="mt-2 text-[13px] text-text-muted">
          Expires {createInvite.data.expiresAt.toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric" })}.
        </p>
      ) : null}
    </Dialog>
  );
}
