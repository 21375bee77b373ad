import { PaneSkeleton } from "../../components/workspace/PaneSkeleton.tsx";

/** While the workspace shell loads: the same frame, so nothing jumps when it arrives. */
export default function WorkspaceLoading() {
  return (
    <div className="flex h-dvh overflow-hidden bg-surface" aria-busy="true" aria-label="Loading workspace">
      <div className="flex w-full shrink-0 flex-col bg-sidebar md:w-[260px]">
        <div className="flex h-[49px] items-center border-b border-sidebar-border px-5">
          <div className="h-4 w-32 animate-pulse rounded bg-sidebar-text/20" />
        </div>
        <div className="flex flex-col gap-3 px-5 py-4">
          {[72, 96, 64, 88, 56].map((width) => (
            <div key={width} className="h-3 animate-pulse rounded bg-sidebar-text/15" style={{ width }} />
          ))}
        </div>
      </div>
      <div className="hidden min-w-0 flex-1 flex-col md:flex">
        <PaneSkeleton />
      </div>
    </div>
  );
}
