import type { ReactNode } from "react";

export interface BrandedPageProps {
  /** Tailwind max-width class of the card, e.g. "max-w-[420px]". */
  cardWidthClass: string;
  /** The card's content. */
  children: ReactNode;
  /** What stands under the card (e.g. "No account? Sign up"). */
  below?: ReactNode;
}

/** A page of its own outside the workspace (sign-in, sign-up, invites, not found, errors): the brand, then one centered card. */
export function BrandedPage({ cardWidthClass, children, below }: BrandedPageProps) {
  return (
    <main className="flex min-h-dvh flex-col items-center bg-surface-muted px-4 py-10 sm:justify-center">
      <div className="mb-6 flex items-center gap-2 text-[22px] font-black tracking-tight text-text">
        <span className="inline-flex size-8 items-center justify-center rounded-lg bg-sidebar text-[17px] text-white" aria-hidden="true">
          P
        </span>
        Parley
      </div>
      <div className={`w-full ${cardWidthClass} rounded-2xl border border-border bg-surface p-6 shadow-sm sm:p-8`}>{children}</div>
      {below}
    </main>
  );
}
