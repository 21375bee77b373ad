"use client";

import Link from "next/link";
import { Button } from "@parley/ui/Button";
import { errorDigestOf, secondaryLinkClass, StatusCard } from "./StatusCard.tsx";

/** A page that failed to render (the root layout still stands): try again, or go home. */
export default function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = errorDigestOf(error);
  return (
    <StatusCard
      eyebrow="Something went wrong"
      title="This page could not be loaded"
      message="It may be a passing problem: trying again often works. Your messages are safe."
      footnote={digest ? `Reference for the server log: ${digest}` : undefined}
    >
      <Button onClick={retry}>Try again</Button>
      <Link href="/" className={secondaryLinkClass}>
        Back to Parley
      </Link>
    </StatusCard>
  );
}
