import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@parley/ui/AuthCard";
import { getActor } from "@/server/session.ts";
import { serverCaller } from "@/trpc/server.tsx";
import { AcceptInviteButton } from "./AcceptInviteButton.tsx";
import { InvalidInvite } from "./InvalidInvite.tsx";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const invite = await serverCaller.auth.describeInvite({ token }).catch(() => ({ status: "not_found" as const }));
  if (invite.status !== "valid") return <InvalidInvite status={invite.status} />;

  const isSignedIn = Boolean(await getActor());
  const encodedToken = encodeURIComponent(token);
  return (
    <AuthCard title={`Join ${invite.workspaceName}`} subtitle={`You've been invited to the ${invite.workspaceName} workspace on Parley.`}>
      {isSignedIn ? (
        <AcceptInviteButton token={token} workspaceName={invite.workspaceName} />
      ) : (
        <div className="flex flex-col gap-3">
          <Link
            href={`/signup?invite=${encodedToken}`}
            className="inline-flex h-10 items-center justify-center rounded-lg bg-accent px-4 text-[15px] font-bold text-white hover:bg-accent-hover"
          >
            Create an account and join
          </Link>
          <Link
            href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${encodedToken}`)}`}
            className="inline-flex h-10 items-center justify-center rounded-lg border border-border-strong px-4 text-[15px] font-bold text-text hover:bg-surface-muted"
          >
            I already have an account
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
