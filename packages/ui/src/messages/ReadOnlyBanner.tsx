import type { ReactNode } from "react";

export interface ReadOnlyBannerProps {
  /** What the reader is looking at, e.g. "This channel has been archived." */
  message: ReactNode;
  /** A follow-up line in muted text. */
  detail?: ReactNode;
  /** E.g. an Unarchive or Join button. */
  action?: ReactNode;
  /** The server's answer when the action was refused. */
  error?: string | null;
}

/**
 * Takes the composer's place where the reader can't post (an archived
 * channel, a channel previewed before joining): same footprint, so the
 * history above does not jump when one replaces the other.
 */
export function ReadOnlyBanner({ message, detail, action, error }: ReadOnlyBannerProps) {
  return (
    <div className="shrink-0 px-3 pb-3 md:px-5 md:pb-5">
      <div
        role="status"
        className="flex min-h-[50px] flex-wrap items-center justify-center gap-x-4 gap-y-2 rounded-lg border border-border bg-surface-muted px-4 py-2.5 text-center"
      >
        <p className="text-[15px] text-text">
          <span className="font-bold">{message}</span>
          {detail ? <span className="ml-1 text-text-muted">{detail}</span> : null}
        </p>
        {action}
      </div>
      <p role={error ? "alert" : undefined} className="min-h-4 pt-1 text-center text-[12px] leading-4 text-danger">
        {error ?? ""}
      </p>
    </div>
  );
}
