import Link from "next/link";
import { AuthCard } from "@parley/ui/AuthCard";

const reasons = {
  expired: "This invite link has expired.",
  revoked: "This invite link was turned off by a workspace admin.",
  used_up: "This invite link has been used as many times as it allows.",
  not_found: "This invite link isn't valid. Check that you copied all of it.",
} as const;

export function InvalidInvite({ status }: { status: keyof typeof reasons }) {
  return (
    <AuthCard title="This invite can't be used" subtitle={reasons[status]}>
      <p className="text-[15px] text-text">Ask the person who invited you for a new link.</p>
      <p className="mt-4 text-[15px]">
        <Link href="/signin" className="font-bold text-link hover:underline">
          Sign in
        </Link>{" "}
        <span className="text-text-muted">if you already have an account.</span>
      </p>
    </AuthCard>
  );
}
