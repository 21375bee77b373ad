import clsx from "clsx";

export interface TypingIndicatorProps {
  /** Display names of the people typing, the viewer excluded. */
  names: readonly string[];
  className?: string;
}

/** "Ana is typing…", "Ana and Bo are typing…", "Several people are typing…". */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return "Several people are typing…";
}

/**
 * One line under the message list. The line keeps its height when nobody
 * types, so the list above does not jump each time someone starts or stops.
 */
export function TypingIndicator({ names, className }: TypingIndicatorProps) {
  const text = typingText(names);
  return (
    <div aria-live="polite" data-testid="typing-indicator" className={clsx("h-5 truncate px-5 text-xs text-text-muted", className)}>
      {text}
    </div>
  );
}
