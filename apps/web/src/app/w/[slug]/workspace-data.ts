import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { getQueryClient, trpc } from "@/trpc/server.tsx";

/**
 * The shell of /w/<slug> for this request (fetched once, shared by layout and
 * pages through the request's query client). Outsiders get the 404 page.
 */
export async function loadWorkspaceShell(slug: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.workspaces.shell.queryOptions({ slug }));
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") redirect(`/signin?callbackUrl=${encodeURIComponent(`/w/${slug}`)}`);
      if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST" || error.code === "FORBIDDEN") notFound();
    }
    throw error;
  }
}

/**
 * One conversation's header for this request, access-checked by the service
 * (members, plus non-guests previewing a public channel; archived channels
 * included). Anything else is the 404 page, never data.
 */
export async function loadConversation(conversationId: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.conversations.get.queryOptions({ conversationId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
