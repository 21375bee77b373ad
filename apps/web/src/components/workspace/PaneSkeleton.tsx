/** Header bar and empty history: the main pane's frame while it loads. */
export function PaneSkeleton() {
  return (
    <>
      <div className="flex h-[49px] shrink-0 items-center border-b border-border px-5">
        <div className="h-4 w-40 animate-pulse rounded bg-text-muted/20" />
      </div>
      <div className="flex-1" />
    </>
  );
}
