import { redirect } from "next/navigation";
import { WorkspaceShell } from "@/components/workspace/WorkspaceShell.tsx";
import { RealtimeProvider } from "@/realtime/RealtimeProvider.tsx";
import { getActor } from "@/server/session.ts";
import { HydrateClient } from "@/trpc/server.tsx";
import { loadWorkspaceShell } from "./workspace-data.ts";

export default async function WorkspaceLayout({ children, params }: LayoutProps<"/w/[slug]">) {
  const { slug } = await params;
  if (!(await getActor())) redirect(`/signin?callbackUrl=${encodeURIComponent(`/w/${slug}`)}`);
  await loadWorkspaceShell(slug);
  return (
    <HydrateClient>
      <RealtimeProvider slug={slug}>
        <WorkspaceShell slug={slug}>{children}</WorkspaceShell>
      </RealtimeProvider>
    </HydrateClient>
  );
}
