"use client";

import { FormAlert } from "@parley/ui/AuthCard";
import { Button } from "@parley/ui/Button";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/trpc/react.tsx";

export function AcceptInviteButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const trpc = useTRPC();
  const accept = useMutation(
    trpc.auth.acceptInvite.mutationOptions({
      onSuccess: ({ workspaceSlug }) => {
        router.replace(`/w/${workspaceSlug}`);
        router.refresh();
      },
    }),
  );
  return (
    <>
      {accept.error ? <FormAlert>{accept.error.message}</FormAlert> : null}
      <Button className="w-full" isBusy={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
        Join {workspaceName}
      </Button>
    </>
  );
}
