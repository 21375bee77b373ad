import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@parley/ui/AuthCard";
import { getActor } from "@/server/session.ts";
import { CreateWorkspaceForm } from "./CreateWorkspaceForm.tsx";

export const metadata: Metadata = { title: "Welcome" };

/** Signed in but in no workspace yet (e.g. a first GitHub sign-in without an invite). */
export default async function WelcomePage() {
  if (!(await getActor())) redirect("/signin");
  return (
    <AuthCard title="Create a workspace" subtitle="You're not in any workspace yet. Start one, or open an invite link from a teammate.">
      <CreateWorkspaceForm />
    </AuthCard>
  );
}
