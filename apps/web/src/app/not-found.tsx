import Link from "next/link";
import { AuthCard } from "@parley/ui/AuthCard";

export default function NotFound() {
  return (
    <AuthCard title="Nothing here" subtitle="This page does not exist, or you do not have access to it.">
      <Link href="/" className="font-bold text-link hover:underline">
        Go to your workspace
      </Link>
    </AuthCard>
  );
}
