"use client";

import { FormAlert } from "@parley/ui/AuthCard";
import { Button } from "@parley/ui/Button";
import { TextField } from "@parley/ui/TextField";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signInErrorMessage } from "@/lib/sign-in-errors.ts";

export interface SignInFormProps {
  callbackPath: string;
  oauthProviders: Array<{ id: string; name: string }>;
  initialError: string | null;
}

export function SignInForm({ callbackPath, oauthProviders, initialError }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [isBusy, setIsBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsBusy(true);
    setError(null);
    // signIn rejects only when the request itself fails (offline, server down); a refused sign-in resolves with its error code.
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => null);
    if (result === null) {
      setError("Parley can't be reached right now. Check your connection and try again.");
      setIsBusy(false);
      return;
    }
    if (!result?.ok || result.error) {
      setError(signInErrorMessage(result?.error ?? "CredentialsSignin"));
      setIsBusy(false);
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <>
      {error ? <FormAlert>{error}</FormAlert> : null}
      {oauthProviders.length > 0 ? (
        <div className="mb-5 flex flex-col gap-2">
          {oauthProviders.map((provider) => (
            <Button key={provider.id} variant="secondary" onClick={() => void signIn(provider.id, { callbackUrl: callbackPath })}>
              Continue with {provider.name}
            </Button>
          ))}
          <div className="my-2 flex items-center gap-3 text-[13px] text-text-muted">
            <span className="h-px flex-1 bg-border" />
            or
            <span className="h-px flex-1 bg-border" />
          </div>
        </div>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
        <TextField label="Email" name="email" type="email" autoComplete="email" placeholder="name@work-email.com" required maxLength={254} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required maxLength={200} />
        <Button type="submit" isBusy={isBusy} className="mt-1 w-full">
          Sign in
        </Button>
      </form>
    </>
  );
}
