import clsx from "clsx";
import { useId, type InputHTMLAttributes } from "react";

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string | null;
  hint?: string;
}

/** A labelled input with its error underneath, wired for screen readers. */
export function TextField({ label, error, hint, className, id, ...rest }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const messageId = `${inputId}-message`;
  return (
    <div className={clsx("flex flex-col gap-1.5", className)}>
      <label htmlFor={inputId} className="text-[15px] font-bold text-text">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        className={clsx(
          "h-11 rounded-lg border bg-surface px-3 text-[16px] text-text outline-none placeholder:text-text-muted/70 focus:ring-4",
          error ? "border-danger focus:ring-danger/20" : "border-border-strong focus:border-link focus:ring-link/20",
        )}
        {...rest}
      />
      {error ? (
        <p id={messageId} className="text-[13px] text-danger" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="text-[13px] text-text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
