import type { ReactNode } from "react";
import { HashIcon, LockIcon, PeopleIcon } from "./icons.tsx";
import type { ConversationKind } from "./Sidebar.tsx";

export interface ConversationHeaderProps {
  kind: ConversationKind;
  name: string;
  topic: string;
  memberCount: number;
  /** E.g. a back link to the sidebar on phones. */
  leading?: ReactNode;
  /** Right after the name, e.g. a DM partner's presence dot. */
  nameBadge?: ReactNode;
  /** Action buttons at the right, after the member count (e.g. the channel settings menu). */
  actions?: ReactNode;
  /** Makes the member count a button that opens the member list. */
  onShowMembers?: () => void;
}

export function ConversationHeader({ kind, name, topic, memberCount, leading, nameBadge, actions, onShowMembers }: ConversationHeaderProps) {
  const isChannel = kind === "channel" || kind === "private_channel";
  return (
    <header className="flex h-[49px] shrink-0 items-center gap-2 border-b border-border bg-surface px-3 md:px-5">
      {leading}
      <div className="flex min-w-0 flex-1 items-center gap-3">
        <h1 className="flex min-w-0 items-center gap-1 text-[18px] font-bold text-text">
          {kind === "channel" ? <HashIcon className="size-[18px] shrink-0" /> : null}
          {kind === "private_channel" ? <LockIcon className="size-[18px] shrink-0" /> : null}
          <span className="truncate">{name}</span>
          {nameBadge}
        </h1>
        {/* basis-0: the topic gets only the room the name leaves; the name truncates only when it alone is too long. */}
        {topic ? (
          <p className="hidden min-w-0 flex-1 basis-0 truncate text-[13px] text-text-muted sm:block" title={topic}>
            {topic}
          </p>
        ) : null}
      </div>
      <div className="flex shrink-0 items-center gap-1.5">
        {isChannel || kind === "group_dm" ? <MemberCount count={memberCount} onShowMembers={onShowMembers} /> : null}
        {actions}
      </div>
    </header>
  );
}

function MemberCount({ count, onShowMembers }: { count: number; onShowMembers?: () => void }) {
  const label = `${count} ${count === 1 ? "member" : "members"}`;
  const content = (
    <>
      <PeopleIcon className="size-4" />
      <span className="tabular-nums">{count}</span>
    </>
  );
  const classes = "flex h-7 items-center gap-1 rounded-md border border-border px-2 text-[13px] text-text-muted";
  if (!onShowMembers) {
    return (
      <span className={classes} title={label} aria-label={label}>
        {content}
      </span>
    );
  }
  return (
    <button
      type="button"
      onClick={onShowMembers}
      title={`View all ${label}`}
      aria-label={`View members (${label})`}
      aria-haspopup="dialog"
      className={`${classes} hover:bg-surface-muted hover:text-text focus-visible:outline-2 focus-visible:outline-link`}
    >
      {content}
    </button>
  );
}
