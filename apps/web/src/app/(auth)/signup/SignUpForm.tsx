"use client";

import { FormAlert } from "@parley/ui/AuthCard";
import { Button } from "@parley/ui/Button";
import { TextField } from "@parley/ui/TextField";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/react.tsx";

export interface SignUpFormProps {
  /** Joining by invite: no workspace name to ask for. */
  invite: { token: string; workspaceName: string } | null;
}

const FORM_FIELDS = ["name", "email", "password", "workspaceName"] as const;
type FormField = (typeof FORM_FIELDS)[number];

export function SignUpForm({ invite }: SignUpFormProps) {
  const router = useRouter();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FormField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSigningIn, setIsSigningIn] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (field: FormField) => String(form.get(field) ?? "");
    setFieldErrors({});
    setFormError(null);
    try {
      const result = await signUp.mutateAsync({
        name: value("name"),
        email: value("email"),
        password: value("password"),
        ...(invite ? { inviteToken: invite.token } : { workspaceName: value("workspaceName") }),
      });
      setIsSigningIn(true);
      const signedIn = await signIn("credentials", { email: value("email"), password: value("password"), redirect: false });
      if (!signedIn?.ok || signedIn.error) {
        router.replace("/signin");
        return;
      }
      router.replace(`/w/${result.workspaceSlug}`);
      router.refresh();
    } catch (error) {
      setIsSigningIn(false);
      const data = (error as { data?: { fieldErrors?: Record<string, string> | null } }).data;
      const errors = data?.fieldErrors ?? {};
      const onForm = Object.fromEntries(Object.entries(errors).filter(([field]) => (FORM_FIELDS as readonly string[]).includes(field)));
      setFieldErrors(onForm);
      // Errors without a field of their own (an expired invite, the network) go above the form.
      if (Object.keys(onForm).length === 0) setFormError(error instanceof Error ? error.message : "Something went wrong. Try again.");
    }
  }

  return (
    <>
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      {/* submit catches its own failures and shows them on the form */}
      <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
        <TextField label="Full name" name="name" autoComplete="name" required maxLength={80} error={fieldErrors.name} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          placeholder="name@work-email.com"
          required
          maxLength={254}
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          hint="At least 8 characters."
          error={fieldErrors.password}
        />
        {invite ? null : (
          <TextField
            label="Workspace name"
            name="workspaceName"
            placeholder="e.g. Acme"
            required
            maxLength={80}
            error={fieldErrors.workspaceName}
            hint="Your company or team name."
          />
        )}
        <Button type="submit" isBusy={signUp.isPending || isSigningIn} className="mt-1 w-full">
          {invite ? `Join ${invite.workspaceName}` : "Create workspace"}
        </Button>
      </form>
    </>
  );
}
