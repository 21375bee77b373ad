import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@parley/ui/AuthCard";
import { getActor } from "@/server/session.ts";
import { serverCaller } from "@/trpc/server.tsx";
import { InvalidInvite } from "../invite/[token]/InvalidInvite.tsx";
import { SignUpForm } from "./SignUpForm.tsx";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: PageProps<"/signup">) {
  const params = await searchParams;
  const inviteToken = Array.isArray(params.invite) ? params.invite[0] : params.invite;
  if (await getActor()) redirect(inviteToken ? `/invite/${encodeURIComponent(inviteToken)}` : "/");

  const invite = inviteToken ? await serverCaller.auth.describeInvite({ token: inviteToken }).catch(() => ({ status: "not_found" as const })) : null;
  if (invite && invite.status !== "valid") return <InvalidInvite status={invite.status} />;

  const workspaceName = invite?.status === "valid" ? invite.workspaceName : null;
  return (
    <AuthCard
      title={workspaceName ? `Join ${workspaceName}` : "Create your workspace"}
      subtitle={workspaceName ? `You've been invited to ${workspaceName} on Parley.` : "A home for your team's conversations, on your own server."}
      footer={
        <>
          Already using Parley?{" "}
          <Link
            href={inviteToken ? `/signin?callbackUrl=${encodeURIComponent(`/invite/${inviteToken}`)}` : "/signin"}
            className="font-bold text-link hover:underline"
          >
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm invite={workspaceName && inviteToken ? { token: inviteToken, workspaceName } : null} />
    </AuthCard>
  );
}
