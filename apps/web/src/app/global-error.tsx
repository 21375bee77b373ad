"use client";

import { RetryStatusCard } from "./StatusCard.tsx";
import "./globals.css";

/** The root layout itself failed: this replaces the whole document, so it brings its own html, body and styles. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Parley</title>
        <RetryStatusCard error={error} retry={retry} title="Parley could not be loaded" />
      </body>
    </html>
  );
}
