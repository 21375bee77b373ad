import type { ReactNode } from "react";

export interface AuthCardProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The centered card of sign-in, sign-up and invite pages. */
export function AuthCard({ title, subtitle, children, footer }: AuthCardProps) {
  return (
    <main className="flex min-h-dvh flex-col items-center bg-surface-muted px-4 py-10 sm:justify-center">
      <div className="mb-6 flex items-center gap-2 text-[22px] font-black tracking-tight text-text">
        <span className="inline-flex size-8 items-center justify-center rounded-lg bg-sidebar text-[17px] text-white" aria-hidden="true">
          P
        </span>
        Parley
      </div>
      <div className="w-full max-w-[420px] rounded-2xl border border-border bg-surface p-6 shadow-sm sm:p-8">
        <h1 className="text-[26px] font-black leading-tight text-text">{title}</h1>
        {subtitle ? <p className="mt-2 text-[15px] text-text-muted">{subtitle}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
      {footer ? <div className="mt-6 text-center text-[14px] text-text-muted">{footer}</div> : null}
    </main>
  );
}

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="mb-4 rounded-lg border border-danger/40 bg-danger/10 px-3 py-2 text-[14px] text-danger">
      {children}
    </div>
  );
}
