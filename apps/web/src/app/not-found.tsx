import type { Metadata } from "next";
import Link from "next/link";
import { primaryLinkClass, StatusCard } from "./StatusCard.tsx";

export const metadata: Metadata = { title: "Page not found" };

/** Every unknown URL, and every page whose data the visitor may not see (workspaces, conversations): the same answer. */
export default function NotFound() {
  return (
    <StatusCard
      eyebrow="Error 404"
      title="Page not found"
      message="There is nothing at this address, or it is not shared with you. Check the link, or head back."
    >
      <Link href="/" className={primaryLinkClass}>
        Back to Parley
      </Link>
    </StatusCard>
  );
}
