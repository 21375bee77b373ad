"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { Button } from "@parley/ui/Button";
import { errorDigestOf, secondaryLinkClass } from "../../StatusCard.tsx";

/** A conversation pane that failed: the sidebar stays, the pane offers to try again or go back to the workspace. */
export default function WorkspacePaneError({ error, retry }: { error: unknown; retry: () => void }) {
  const { slug } = useParams<{ slug: string }>();
  const pathname = usePathname();
  const workspaceHome = `/w/${slug}`;
  // On the workspace's own page, "back" means the app's home.
  const back = pathname === workspaceHome ? { href: "/", label: "Back to Parley" } : { href: workspaceHome, label: "Back to the workspace" };
  const digest = errorDigestOf(error);
  return (
    <div role="alert" className="flex min-h-0 flex-1 flex-col items-center justify-center bg-surface px-6 py-10 text-center">
      <p className="text-[13px] font-bold uppercase tracking-wider text-text-muted">Something went wrong</p>
      <h1 className="mt-1 text-[22px] font-black leading-tight text-text">This conversation could not be loaded</h1>
      <p className="mt-2 max-w-[420px] text-[15px] text-text-muted">It may be a passing problem: trying again often works. Your messages are safe.</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Button onClick={retry}>Try again</Button>
        <Link href={back.href} className={secondaryLinkClass}>
          {back.label}
        </Link>
      </div>
      {digest ? <p className="mt-6 text-[13px] text-text-muted">Reference for the server log: {digest}</p> : null}
    </div>
  );
}
