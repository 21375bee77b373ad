import type { KeyboardEvent } from "react";
import { useEffect } from "react";
import { useAutosizeTextarea } from "./use-autosize.ts";

export interface MessageEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter or Save. */
  onSave: () => void;
  /** Esc or Cancel. */
  onCancel: () => void;
  isSaving: boolean;
  error: string | null;
}

/** Editing a message in place: Enter saves, Shift+Enter is a newline, Esc cancels. */
export function MessageEditor({ value, onChange, onSave, onCancel, isSaving, error }: MessageEditorProps) {
  const textareaRef = useAutosizeTextarea(value);
  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, [textareaRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (!isSaving) onSave();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="py-1">
      <textarea
        ref={textareaRef}
        aria-label="Edit message"
        value={value}
        rows={1}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        className="max-h-[40vh] w-full resize-none rounded-lg border border-border-strong bg-surface px-3 py-2 text-[15px] leading-[22px] text-text outline-none focus:border-link"
      />
      {error ? (
        <p role="alert" className="mt-1 text-[13px] text-danger">
          {error}
        </p>
      ) : null}
      <div className="mt-1 flex items-center gap-2 text-[12px] text-text-muted">
        <span className="hidden md:inline">Enter to save, Esc to cancel</span>
        <span className="flex-1" />
        <button
          type="button"
          onClick={onCancel}
          className="h-7 rounded-md border border-border-strong px-3 text-[13px] font-bold text-text hover:bg-surface-muted"
        >
          Cancel
        </button>
        <button
          type="button"
          onClick={onSave}
          disabled={isSaving}
          className="h-7 rounded-md bg-accent px-3 text-[13px] font-bold text-white hover:bg-accent-hover disabled:opacity-60"
        >
          Save
        </button>
      </div>
    </div>
  );
}
