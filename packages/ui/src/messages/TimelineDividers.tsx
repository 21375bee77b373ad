/** The two horizontal rules of a message list: the day a run of messages was sent, and where unread begins. */

export function DaySeparator({ label }: { label: string }) {
  return (
    <div role="separator" aria-label={label} className="relative flex items-center px-5 pt-4 pb-1">
      <div className="h-px flex-1 bg-border" />
      <span className="mx-2 rounded-full border border-border bg-surface px-3 py-0.5 text-[13px] font-bold text-text">{label}</span>
      <div className="h-px flex-1 bg-border" />
    </div>
  );
}

export function NewMessagesDivider() {
  return (
    <div role="separator" aria-label="New messages" className="flex items-center pt-2 pl-5">
      <div className="h-px flex-1 bg-danger" />
      <span className="rounded-l-sm bg-danger px-1.5 text-[11px] leading-4 font-bold text-white">New</span>
    </div>
  );
}
