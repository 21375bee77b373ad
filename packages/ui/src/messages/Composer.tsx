import clsx from "clsx";
import type { KeyboardEvent } from "react";
import { SendIcon } from "../icons.tsx";
import { useAutosizeTextarea } from "./use-autosize.ts";

export interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter (without Shift) or the send button. */
  onSubmit: () => void;
  placeholder: string;
  /** Up-arrow in an empty composer: edit your last message. */
  onArrowUpWhenEmpty?: () => void;
  /** Esc: mark the conversation read. */
  onEscape?: () => void;
  /** Why the text can't be sent (too long, …); shown under the box. */
  error?: string | null;
  maxChars: number;
  disabled?: boolean;
}

// Counting starts near the limit so the number is news, not noise.
const COUNTER_THRESHOLD = 0.9;

export function Composer({ value, onChange, onSubmit, placeholder, onArrowUpWhenEmpty, onEscape, error, maxChars, disabled }: ComposerProps) {
  const textareaRef = useAutosizeTextarea(value);
  const isOverLimit = value.length > maxChars;
  const canSend = value.trim().length > 0 && !isOverLimit && !disabled;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // IME composition uses Enter to pick a candidate.
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (canSend) onSubmit();
    } else if (event.key === "ArrowUp" && value.length === 0 && onArrowUpWhenEmpty) {
      event.preventDefault();
      onArrowUpWhenEmpty();
    } else if (event.key === "Escape" && onEscape) {
      event.preventDefault();
      onEscape();
    }
  };

  return (
    <div className="shrink-0 px-3 pb-3 md:px-5 md:pb-5">
      <div
        className={clsx(
          "flex items-end gap-2 rounded-lg border bg-surface px-3 py-2 focus-within:border-border-strong focus-within:shadow-sm",
          isOverLimit || error ? "border-danger" : "border-border-strong/70",
        )}
      >
        <textarea
          ref={textareaRef}
          rows={1}
          value={value}
          disabled={disabled}
          aria-label={placeholder}
          aria-invalid={isOverLimit || Boolean(error) || undefined}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          className="max-h-[40vh] min-h-[22px] flex-1 resize-none bg-transparent py-1 text-[15px] leading-[22px] text-text outline-none placeholder:text-text-muted"
        />
        <button
          type="button"
          aria-label="Send message"
          disabled={!canSend}
          onClick={onSubmit}
          className="inline-flex size-8 shrink-0 items-center justify-center rounded-md bg-accent text-white transition-colors hover:bg-accent-hover disabled:bg-transparent disabled:text-text-muted/60"
        >
          <SendIcon className="size-4" />
        </button>
      </div>
      <div className="flex min-h-4 justify-between gap-3 pt-1 text-[12px] leading-4">
        <span role={error || isOverLimit ? "alert" : undefined} className="text-danger">
          {isOverLimit ? `Messages can be at most ${maxChars.toLocaleString("en-US")} characters` : (error ?? "")}
        </span>
        {value.length >= maxChars * COUNTER_THRESHOLD ? (
          <span className={clsx("shrink-0 tabular-nums", isOverLimit ? "text-danger" : "text-text-muted")}>
            {value.length.toLocaleString("en-US")} / {maxChars.toLocaleString("en-US")}
          </span>
        ) : (
          <span className="hidden shrink-0 text-text-muted md:inline">
            <b>Shift + Enter</b> for a new line
          </span>
        )}
      </div>
    </div>
  );
}
