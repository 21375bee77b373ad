import type { ReactNode } from "react";
import { BrandedPage } from "./BrandedPage.tsx";

export interface AuthCardProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The centered card of sign-in, sign-up and invite pages. */
export function AuthCard({ title, subtitle, children, footer }: AuthCardProps) {
  return (
    <BrandedPage cardWidthClass="max-w-[420px]" below={footer ? <div className="mt-6 text-center text-[14px] text-text-muted">{footer}</div> : null}>
      <h1 className="text-[26px] font-black leading-tight text-text">{title}</h1>
      {subtitle ? <p className="mt-2 text-[15px] text-text-muted">{subtitle}</p> : null}
      <div className="mt-6">{children}</div>
    </BrandedPage>
  );
}

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="mb-4 rounded-lg border border-danger/40 bg-danger/10 px-3 py-2 text-[14px] text-danger">
      {children}
    </div>
  );
}
