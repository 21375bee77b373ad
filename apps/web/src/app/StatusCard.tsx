import Link from "next/link";
import { BrandedPage } from "@parley/ui/BrandedPage";
import { Button } from "@parley/ui/Button";
import type { ReactNode } from "react";

export interface StatusCardProps {
  /** A short label above the title, e.g. "Error 404". */
  eyebrow: string;
  title: string;
  message: ReactNode;
  /** The ways out: links and buttons, the first one primary. */
  children: ReactNode;
  footnote?: ReactNode;
}

/** Classes that make a link look like the app's buttons (@parley/ui Button), for ways out that navigate. */
export const primaryLinkClass =
  "inline-flex h-10 items-center justify-center rounded-lg bg-accent px-4 text-[15px] font-bold text-white transition-colors hover:bg-accent-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-link";
export const secondaryLinkClass =
  "inline-flex h-10 items-center justify-center rounded-lg border border-border-strong bg-surface px-4 text-[15px] font-bold text-text transition-colors hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-link";

/** A whole page that says what went wrong and how to get back: the 404 page and the error boundaries. */
export function StatusCard({ eyebrow, title, message, children, footnote }: StatusCardProps) {
  return (
    <BrandedPage cardWidthClass="max-w-[460px]">
      <p className="text-[13px] font-bold uppercase tracking-wider text-text-muted">{eyebrow}</p>
      <h1 className="mt-1 text-[26px] font-black leading-tight text-text">{title}</h1>
      <p className="mt-2 text-[15px] text-text-muted">{message}</p>
      <div className="mt-6 flex flex-wrap gap-3">{children}</div>
      {footnote ? <p className="mt-6 text-[13px] text-text-muted">{footnote}</p> : null}
    </BrandedPage>
  );
}

/** The id Next gives a server error (the same one is in the server log), so a report can be matched to it. */
export function errorDigestOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

/** What an error boundary shows outside the workspace: what failed, try again, or go home. */
export function RetryStatusCard({ error, retry, title }: { error: unknown; retry: () => void; title: string }) {
  const digest = errorDigestOf(error);
  return (
    <StatusCard
      eyebrow="Something went wrong"
      title={title}
      message="It may be a passing problem: trying again often works. Your messages are safe."
      footnote={digest ? `Reference for the server log: ${digest}` : undefined}
    >
      <Button onClick={retry}>Try again</Button>
      <Link href="/" className={secondaryLinkClass}>
        Back to Parley
      </Link>
    </StatusCard>
  );
}
