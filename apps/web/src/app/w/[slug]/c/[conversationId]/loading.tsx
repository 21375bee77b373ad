import { PaneSkeleton } from "@/components/workspace/PaneSkeleton.tsx";

/** Switching conversations: the sidebar stays, only the pane waits. */
export default function ConversationLoading() {
  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-busy="true" aria-label="Loading conversation">
      <PaneSkeleton />
    </div>
  );
}
