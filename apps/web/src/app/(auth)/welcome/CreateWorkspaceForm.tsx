"use client";

import { Button } from "@parley/ui/Button";
import { TextField } from "@parley/ui/TextField";
import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTRPC } from "@/trpc/react.tsx";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const trpc = useTRPC();
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      onSuccess: ({ slug }) => {
        router.replace(`/w/${slug}`);
        router.refresh();
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }

  const nameError = create.error?.data?.fieldErrors?.name ?? (create.error ? create.error.message : null);
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField label="Workspace name" name="name" placeholder="e.g. Acme" required maxLength={80} error={nameError} />
      <Button type="submit" isBusy={create.isPending || create.isSuccess} className="w-full">
        Create workspace
      </Button>
      <Button variant="ghost" onClick={() => void signOut({ callbackUrl: "/signin" })}>
        Sign out
      </Button>
    </form>
  );
}
