/** Where loaded history ends and older pages are still to come: quiet placeholder rows, not a spinner jump. */
export function HistoryEdge() {
  return (
    <div aria-label="Loading older messages" className="space-y-4 px-5 pt-6 pb-2" aria-busy="true">
      {[72, 48, 60].map((width) => (
        <div key={width} className="flex gap-2">
          <div className="size-9 shrink-0 animate-pulse rounded-lg bg-surface-muted" />
          <div className="flex-1 space-y-2 pt-1">
            <div className="h-3 w-32 animate-pulse rounded bg-surface-muted" />
            <div className="h-3 animate-pulse rounded bg-surface-muted" style={{ width: `${width}%` }} />
          </div>
        </div>
      ))}
    </div>
  );
}
