import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth-options.ts";
import { withRequestMetrics } from "@/server/metrics.ts";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const handleAuth = withRequestMetrics("/api/auth", (request: Request, context: RouteContext) =>
  (NextAuth(getAuthOptions()) as (request: Request, context: RouteContext) => Promise<Response>)(request, context),
);

export { handleAuth as GET, handleAuth as POST };
