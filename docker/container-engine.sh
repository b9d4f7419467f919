#!/usr/bin/env bash
# A container engine on a machine with no container registry: podman (Debian's package),
# storage in one folder, and a Debian bookworm base image made with debootstrap from the
# same Debian mirror apt uses. Images that name a registry (node:24-…, postgres:16, redis,
# nginx) cannot be pulled here: build FROM local/debian:bookworm (or an image of yours made
# from it) through a build argument, e.g. `ARG BASE=node:24-bookworm-slim` / `FROM ${BASE}`.
#
#   eval "$(docker/container-engine.sh env)"   # installs and configures on first use (as root)
#   podman build --network host --build-arg BASE=local/debian:bookworm -t my/image .
#   podman run --rm --network host --init my/image
#
# Facts of these machines that the settings below answer (measured):
# - the hard limits are nofile 20000 and nproc 32768, so podman's defaults (1048576) fail;
# - crun rejects the hybrid cgroup layout, runc works (cgroup_manager cgroupfs, no systemd);
# - HTTPS from inside a container (npm) needs the host's CA bundle, copied into the base;
# - host networking works (`--network host`); so does the default bridge, once iptables is
#   installed (netavark runs it; without it every bridged container fails "netavark: No such
#   file or directory");
# - `--init` (compose: init: true) needs catatonit, podman's init, a package of its own;
# - podman-compose cannot use network_mode: host; docker-compose against
#   `podman system service` works (DOCKER_HOST=unix://…/podman.sock).
# First run: about 3 minutes (packages and debootstrap), then seconds.
set -euo pipefail
W=${HUB_CONTAINERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hub-containers}
mkdir -p "$W/storage" "$W/run" "$W/tmp"

install_engine() {
  command -v podman >/dev/null && command -v runc >/dev/null && command -v debootstrap >/dev/null && command -v iptables >/dev/null && [ -x /usr/libexec/podman/catatonit ] && return
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    podman runc debootstrap netavark aardvark-dns fuse-overlayfs uidmap iptables catatonit >/dev/null
}

write_config() {
  cat > "$W/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$W/storage"
runroot = "$W/run"
EOF
  cat > "$W/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
image_copy_tmp_dir = "$W/tmp"
EOF
}

exports() {
  echo "export CONTAINERS_STORAGE_CONF='$W/storage.conf' CONTAINERS_CONF='$W/containers.conf' TMPDIR='$W/tmp'"
}

base_image() {
  eval "$(exports)"
  podman image exists local/debian:bookworm && return
  local mirror
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
  [ -x "$W/rootfs/bin/sh" ] || debootstrap --variant=minbase bookworm "$W/rootfs" "$mirror" >"$W/debootstrap.log" 2>&1
  mkdir -p "$W/rootfs/usr/local/share/ca-certificates" "$W/rootfs/etc/ssl/certs"
  cp /usr/local/share/ca-certificates/*.crt "$W/rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
  cp /etc/ssl/certs/ca-certificates.crt "$W/rootfs/etc/ssl/certs/ca-certificates.crt"
  # apt inside builds uses the same mirror as the host
  cp /etc/apt/sources.list.d/debian.sources "$W/rootfs/etc/apt/sources.list.d/" 2>/dev/null || true
  rm -rf "$W"/rootfs/var/cache/apt/archives/*.deb "$W"/rootfs/var/lib/apt/lists/*
  tar -C "$W/rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - local/debian:bookworm >/dev/null
}

case "${1:-env}" in
  env)   install_engine; write_config; base_image; exports ;;
  clean) rm -rf "$W" ;;
  *)     echo "usage: container-engine [env|clean]" >&2; exit 2 ;;
esac
