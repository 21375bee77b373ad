import clsx from "clsx";
import type { ReactNode } from "react";
import { Avatar } from "../Avatar.tsx";
import { MessageActions, type MessageActionHandlers } from "./MessageActions.tsx";

export type MessageDelivery = "sent" | "pending" | "failed";

export interface MessageRowProps {
  senderName: string;
  /** ISO timestamp. */
  createdAt: string;
  body: string;
  /** First of a run by one author: avatar, name and time; the rest show the time on hover. */
  isGroupStart: boolean;
  isEdited: boolean;
  isDeleted: boolean;
  delivery?: MessageDelivery;
  failureReason?: string | null;
  onRetry?: () => void;
  onDiscard?: () => void;
  /** Hover bar; leave out for messages that can't be acted on (pending, deleted). */
  actions?: MessageActionHandlers;
  /** Shown instead of the body while the message is being edited in place. */
  editor?: ReactNode;
  /** The message a link pointed at: a warm background that fades out (see .message-flash in globals.css). */
  isHighlighted?: boolean;
}

const timeFormat = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit" });
const fullFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short" });

/** Plain text with its newlines; markdown comes later. React escapes it, so no markup can get in. */
function MessageBody({ body, isEdited }: { body: string; isEdited: boolean }) {
  return (
    <p className="text-[15px] leading-[22px] break-words whitespace-pre-wrap text-text">
      {body}
      {isEdited ? <span className="ml-1 text-[12px] text-text-muted">(edited)</span> : null}
    </p>
  );
}

function FailureNotice({ reason, onRetry, onDiscard }: { reason: string | null | undefined; onRetry?: () => void; onDiscard?: () => void }) {
  return (
    <p role="alert" className="mt-0.5 flex flex-wrap items-center gap-x-2 text-[13px] text-danger">
      <span>Not sent{reason ? `: ${reason}` : ""}</span>
      {onRetry ? (
        <button type="button" onClick={onRetry} className="font-bold underline-offset-2 hover:underline">
          Retry
        </button>
      ) : null}
      {onDiscard ? (
        <button type="button" onClick={onDiscard} className="text-text-muted underline-offset-2 hover:underline">
          Discard
        </button>
      ) : null}
    </p>
  );
}

export function MessageRow(props: MessageRowProps) {
  const { senderName, createdAt, body, isGroupStart, isEdited, isDeleted, delivery = "sent", editor } = props;
  const date = new Date(createdAt);
  const time = (
    <time dateTime={createdAt} title={fullFormat.format(date)}>
      {timeFormat.format(date)}
    </time>
  );
  const content = isDeleted ? (
    <p className="text-[15px] leading-[22px] text-text-muted italic">This message was deleted.</p>
  ) : (
    (editor ?? <MessageBody body={body} isEdited={isEdited} />)
  );
  return (
    <article
      aria-label={`${senderName}, ${timeFormat.format(date)}`}
      data-delivery={delivery}
      data-highlighted={props.isHighlighted || undefined}
      className={clsx(
        "group relative flex gap-2 px-5 py-0.5 hover:bg-surface-muted focus-within:bg-surface-muted",
        isGroupStart && "mt-2 pt-1",
        delivery === "pending" && "opacity-60",
        delivery === "failed" && "bg-danger/5",
        editor ? "bg-surface-muted" : null,
        props.isHighlighted && "message-flash",
      )}
    >
      <div className="w-9 shrink-0">
        {isGroupStart ? (
          <Avatar name={senderName} size="md" className="mt-0.5" />
        ) : (
          <span className="hidden pt-[3px] text-right text-[11px] leading-4 text-text-muted group-hover:block">{time}</span>
        )}
      </div>
      <div className="min-w-0 flex-1">
        {isGroupStart ? (
          <div className="flex items-baseline gap-2">
            <span className="truncate text-[15px] font-black text-text">{senderName}</span>
            <span className="shrink-0 text-[12px] text-text-muted">{time}</span>
          </div>
        ) : null}
        {content}
        {delivery === "failed" ? <FailureNotice reason={props.failureReason} onRetry={props.onRetry} onDiscard={props.onDiscard} /> : null}
      </div>
      {props.actions && !isDeleted && !editor && delivery === "sent" ? <MessageActions {...props.actions} /> : null}
    </article>
  );
}
