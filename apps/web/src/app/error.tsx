"use client";

import { RetryStatusCard } from "./StatusCard.tsx";

/** A page that failed to render (the root layout still stands): try again, or go home. */
export default function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RetryStatusCard error={error} retry={retry} title="This page could not be loaded" />;
}
