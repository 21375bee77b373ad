import type { ReactNode } from "react";
import { LinkIcon, PencilIcon, TrashIcon, UnreadIcon } from "../icons.tsx";

export interface MessageActionHandlers {
  /** Absent when the viewer may not edit (not the author). */
  onEdit?: () => void;
  /** Absent when the viewer may not delete (neither the author nor an admin). */
  onDelete?: () => void;
  onMarkUnread?: () => void;
  onCopyLink?: () => void;
}

function ActionButton({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="inline-flex size-8 items-center justify-center rounded-md text-text-muted hover:bg-surface-muted hover:text-text focus-visible:outline-2 focus-visible:outline-link"
    >
      {children}
    </button>
  );
}

/** Slack's floating bar at a message's top right; shown on hover or keyboard focus within the row. */
export function MessageActions({ onEdit, onDelete, onMarkUnread, onCopyLink }: MessageActionHandlers) {
  return (
    <div
      role="toolbar"
      aria-label="Message actions"
      className="absolute -top-4 right-4 z-10 hidden items-center gap-0.5 rounded-lg border border-border bg-surface p-0.5 shadow-sm group-focus-within:flex group-hover:flex"
    >
      {onMarkUnread ? (
        <ActionButton label="Mark unread" onClick={onMarkUnread}>
          <UnreadIcon className="size-4" />
        </ActionButton>
      ) : null}
      {onCopyLink ? (
        <ActionButton label="Copy link" onClick={onCopyLink}>
          <LinkIcon className="size-4" />
        </ActionButton>
      ) : null}
      {onEdit ? (
        <ActionButton label="Edit message" onClick={onEdit}>
          <PencilIcon className="size-4" />
        </ActionButton>
      ) : null}
      {onDelete ? (
        <ActionButton label="Delete message" onClick={onDelete}>
          <TrashIcon className="size-4 text-danger" />
        </ActionButton>
      ) : null}
    </div>
  );
}
