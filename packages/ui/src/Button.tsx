import clsx from "clsx";
import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-accent text-white hover:bg-accent-hover disabled:bg-accent/60",
  secondary: "border border-border-strong bg-surface text-text hover:bg-surface-muted disabled:opacity-60",
  ghost: "text-text hover:bg-surface-muted disabled:opacity-60",
  danger: "bg-danger text-white hover:bg-danger/90 disabled:bg-danger/60",
} as const;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof variants;
  isBusy?: boolean;
}

export function Button({ variant = "primary", isBusy = false, className, disabled, children, type = "button", ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || isBusy}
      aria-busy={isBusy || undefined}
      className={clsx(
        "inline-flex h-10 items-center justify-center gap-2 rounded-lg px-4 text-[15px] font-bold transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-link disabled:cursor-not-allowed",
        variants[variant],
        className,
      )}
      {...rest}
    >
      {isBusy ? <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
