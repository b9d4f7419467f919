# The integrated care hub as an image: TypeScript built to JavaScript in one stage, run with
# production dependencies only, as a non-root user, in another. Build from the repository root:
#   docker build -t integrated-care-hub .
# Not built on the machine this was written on (no Docker engine): docker/README.md says
# what was checked instead.

# --- build: all dependencies, tsc to build/ ---
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY schema ./schema
COPY web ./web
COPY scripts/web ./scripts/web
RUN npm run build && npm run build:web

# --- run: production dependencies and the built JavaScript, laid out as the repository ---
FROM node:24-bookworm-slim AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    HUB_DATA_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/build/src ./src
COPY --from=build /src/build/migrations ./migrations
COPY schema ./schema
COPY data/demo ./data/demo
# The locality dashboard (bundled in the build stage) and the docs the explorer opens with.
COPY web ./web
COPY --from=build /src/web/dist ./web/dist
COPY docs ./docs
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000

# Ready once it answers /health/ready (or /health, where the readiness probe is not yet
# present): the HTTP server listens only after migrations and any demo load.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const b='http://127.0.0.1:'+(process.env.PORT||4000);fetch(b+'/health/ready').then(r=>r.status===404?fetch(b+'/health'):r).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# node directly (not npm) as PID 1 receives SIGTERM and drains; compose adds an init.
CMD ["node", "src/main.js"]
