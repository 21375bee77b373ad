# Parley realtime service: one esbuild bundle (dist/server.mjs) plus the
# production dependencies it imports.
#
#   docker build -f docker/realtime.Dockerfile -t parley-realtime .

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
RUN npm install -g npm@11.19.1
WORKDIR /app

# ---- manifests only, shared by the build and the production install ---------
FROM base AS manifests
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY apps/realtime/package.json apps/realtime/
COPY packages/api/package.json packages/api/
COPY packages/db/package.json packages/db/
COPY packages/protocol/package.json packages/protocol/
COPY packages/realtime-client/package.json packages/realtime-client/
COPY packages/ui/package.json packages/ui/

# ---- build: full install (esbuild, prisma CLI), then bundle ------------------
FROM manifests AS build
RUN npm ci
COPY . .
# The bundle inlines the @parley/* TypeScript sources, including (once the
# service reads the database) the generated Prisma client.
RUN npm run generate -w @parley/db \
 && npm run build -w @parley/realtime

# ---- prod-deps: only what the realtime workspace needs at run time ----------
# (embedded Postgres is a devDependency of @parley/db: --omit=dev leaves it out)
FROM manifests AS prod-deps
RUN npm ci --omit=dev --workspace=@parley/realtime

# ---- realtime: the runtime image ---------------------------------------------
FROM ${NODE_IMAGE} AS realtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3001
WORKDIR /app
COPY --from=prod-deps /app ./
COPY --from=build /app/apps/realtime/dist ./apps/realtime/dist
USER node
EXPOSE 3001
# node is PID 1 and handles SIGTERM itself: sockets close with 1012, then exit.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3001/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "apps/realtime/dist/server.mjs"]
