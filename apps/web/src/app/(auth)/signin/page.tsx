import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@parley/ui/AuthCard";
import { safeCallbackPath, signInErrorMessage } from "@/lib/sign-in-errors.ts";
import { configuredOAuthProviders } from "@/server/auth-options.ts";
import { getActor } from "@/server/session.ts";
import { SignInForm } from "./SignInForm.tsx";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getActor()) redirect(callbackPath);
  const error = Array.isArray(params.error) ? params.error[0] : params.error;
  return (
    <AuthCard
      title="Sign in to Parley"
      subtitle="Use the email and password you signed up with."
      footer={
        <>
          New to Parley?{" "}
          <Link href="/signup" className="font-bold text-link hover:underline">
            Create a workspace
          </Link>
        </>
      }
    >
      <SignInForm callbackPath={callbackPath} oauthProviders={configuredOAuthProviders()} initialError={signInErrorMessage(error)} />
    </AuthCard>
  );
}
