"use client";

import Link from "next/link";
import { Button } from "@parley/ui/Button";
import { errorDigestOf, secondaryLinkClass, StatusCard } from "./StatusCard.tsx";
import "./globals.css";

/** The root layout itself failed: this replaces the whole document, so it brings its own html, body and styles. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = errorDigestOf(error);
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Parley</title>
        <StatusCard
          eyebrow="Something went wrong"
          title="Parley could not be loaded"
          message="It may be a passing problem: trying again often works. Your messages are safe."
          footnote={digest ? `Reference for the server log: ${digest}` : undefined}
        >
          <Button onClick={retry}>Try again</Button>
          <Link href="/" className={secondaryLinkClass}>
            Back to Parley
          </Link>
        </StatusCard>
      </body>
    </html>
  );
}
